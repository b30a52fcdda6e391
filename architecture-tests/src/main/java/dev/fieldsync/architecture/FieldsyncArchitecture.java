package dev.fieldsync.architecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dependency rules of ARCHITECTURE.md §1 for a code base laid out like fieldsync under {@code root}
 * ({@code dev.fieldsync} for the real code; a fixture root in this module's own tests).
 */
public final class FieldsyncArchitecture {
    /**
     * The JDK packages the core may use. {@code javax.crypto} is the JDK's own HMAC API (webhook signatures);
     * the rest of {@code javax..} (e.g. {@code javax.inject}) is not JDK and stays out.
     */
    public static final List<String> JDK = List.of("java..", "javax.crypto..");

    /** Frameworks and infrastructure libraries that must stay out of domain, ports and application. */
    public static final List<String> FRAMEWORKS = List.of(
            "io.micronaut..",
            "io.vertx..",
            "jakarta.inject..",
            "javax.inject..",
            "com.fasterxml..",
            "java.sql..",
            "com.github.benmanes..",
            "io.github.bucket4j..",
            "com.rabbitmq..");

    /**
     * The internal packages (README.md, "Public API"), each with the module that owns it: the application's
     * services behind the use cases (its {@code changes} package, which the service wires itself, is supported),
     * the Vert.x adapter's wire mapping and request ids. japicmp's excludes in the parent pom list the same.
     */
    public static final Map<String, String> INTERNAL = Map.of(
            "application.lookup..", "application..",
            "application.query..", "application..",
            "application.submission..", "application..",
            "application.sync..", "application..",
            "application.verify..", "application..",
            "application.webhook..", "application..",
            "application.write..", "application..",
            "adapters.vertx.wire..", "adapters.vertx..",
            "adapters.vertx.requestid..", "adapters.vertx..");

    private final String root;

    private FieldsyncArchitecture(String root) {
        this.root = root;
    }

    /** The rules over packages under {@code root} (no trailing dots), e.g. {@code "dev.fieldsync"}. */
    public static FieldsyncArchitecture under(String root) {
        return new FieldsyncArchitecture(root);
    }

    private String pkg(String module) {
        return root + "." + module + "..";
    }

    private String[] withJdk(String... packages) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(packages), JDK.stream())
                .toArray(String[]::new);
    }

    /** domain depends on the JDK and itself only. */
    public ArchRule domainDependsOnlyOnTheJdk() {
        return ArchitectureRules.dependsOnlyOn(pkg("domain"), withJdk());
    }

    /** ports depend on domain, the JDK and themselves only. */
    public ArchRule portsDependOnlyOnDomain() {
        return ArchitectureRules.dependsOnlyOn(pkg("ports"), withJdk(pkg("domain")));
    }

    /**
     * Inbound ports (the use cases offered, {@code ports.in}) and outbound ports (what the core needs,
     * {@code ports.out}) never use each other's types: a caller of a use case never handles a store's or the
     * gateway's types, and an adapter never sees a use case.
     */
    public ArchRule inboundAndOutboundPortsApart() {
        return CompositeArchRule.of(
                        ArchitectureRules.dependOnNoneOf(List.of(pkg("ports.in")), List.of(pkg("ports.out"))))
                .and(ArchitectureRules.dependOnNoneOf(List.of(pkg("ports.out")), List.of(pkg("ports.in"))))
                .as("inbound ports (ports.in) and outbound ports (ports.out) should not depend on each other");
    }

    /** application depends on ports, domain, the JDK and itself only. */
    public ArchRule applicationDependsOnlyOnPortsAndDomain() {
        return ArchitectureRules.dependsOnlyOn(pkg("application"), withJdk(pkg("ports"), pkg("domain")));
    }

    /**
     * Inside the project, adapters use only ports and domain: not application, app, or the sandbox (so the
     * client can never mirror the sandbox's reading of the API). The composition root may use anything.
     */
    public ArchRule adaptersUseOnlyPortsAndDomain() {
        return ArchitectureRules.dependsInsideProjectOnlyOn(root + "..", pkg("adapters"), pkg("ports"), pkg("domain"));
    }

    /** One adapter never depends on another ({@code adapters.memory}, {@code adapters.vertx}, ...). */
    public ArchRule adaptersDoNotDependOnEachOther() {
        return ArchitectureRules.slicesIndependent(root + ".adapters.(*)..");
    }

    /** Adapters never depend on the composition root. */
    public ArchRule adaptersDoNotDependOnTheApp() {
        return ArchitectureRules.dependOnNoneOf(List.of(pkg("adapters")), List.of(pkg("app")));
    }

    /** The sandbox uses nothing of the project outside itself (its own libraries, e.g. JUnit, are fine). */
    public ArchRule sandboxIsSelfContained() {
        return ArchitectureRules.dependsInsideProjectOnlyOn(root + "..", pkg("sandbox"));
    }

    /** domain, ports and application import no framework, JDBC, cache or rate-limit library. */
    public ArchRule coreUsesNoFramework() {
        return ArchitectureRules.dependOnNoneOf(List.of(pkg("domain"), pkg("ports"), pkg("application")), FRAMEWORKS);
    }

    /** The modules (domain, ports, application, adapters, sandbox, app) form no cycle. */
    public ArchRule noCyclesBetweenModules() {
        return ArchitectureRules.freeOfCycles(root + ".(*)..");
    }

    /** No two packages depend on each other, directly or through others. */
    public ArchRule noCyclesBetweenPackages() {
        return ArchitectureRules.freeOfCycles(root + ".(**)");
    }

    /** No class outside a module uses the module's internal packages ({@link #INTERNAL}). */
    public ArchRule internalPackagesStayInTheirModule() {
        return INTERNAL.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> ArchitectureRules.usedOnlyWithin(
                        root + "..", root + "." + entry.getValue(), root + "." + entry.getKey()))
                .reduce((first, second) -> CompositeArchRule.of(first).and(second))
                .orElseThrow()
                .as("internal packages " + INTERNAL.keySet() + " should be used only inside their module");
    }

    /** The supported packages of a module with internal ones hand out no internal type ({@link #INTERNAL}). */
    public ArchRule supportedApiExposesNoInternalType() {
        Map<String, List<String>> byOwner = new java.util.TreeMap<>();
        INTERNAL.forEach((hidden, owner) ->
                byOwner.computeIfAbsent(owner, o -> new java.util.ArrayList<>()).add(root + "." + hidden));
        return byOwner.entrySet().stream()
                .map(entry -> ArchitectureRules.exposesNoTypeOf(
                        root + "." + entry.getKey(), entry.getValue().toArray(String[]::new)))
                .reduce((first, second) -> CompositeArchRule.of(first).and(second))
                .orElseThrow()
                .as("public members outside the internal packages " + INTERNAL.keySet()
                        + " should expose no internal type");
    }

    /** Every rule, by name. */
    public Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domainDependsOnlyOnTheJdk", domainDependsOnlyOnTheJdk());
        rules.put("portsDependOnlyOnDomain", portsDependOnlyOnDomain());
        rules.put("inboundAndOutboundPortsApart", inboundAndOutboundPortsApart());
        rules.put("applicationDependsOnlyOnPortsAndDomain", applicationDependsOnlyOnPortsAndDomain());
        rules.put("adaptersUseOnlyPortsAndDomain", adaptersUseOnlyPortsAndDomain());
        rules.put("adaptersDoNotDependOnEachOther", adaptersDoNotDependOnEachOther());
        rules.put("adaptersDoNotDependOnTheApp", adaptersDoNotDependOnTheApp());
        rules.put("sandboxIsSelfContained", sandboxIsSelfContained());
        rules.put("coreUsesNoFramework", coreUsesNoFramework());
        rules.put("noCyclesBetweenModules", noCyclesBetweenModules());
        rules.put("noCyclesBetweenPackages", noCyclesBetweenPackages());
        rules.put("internalPackagesStayInTheirModule", internalPackagesStayInTheirModule());
        rules.put("supportedApiExposesNoInternalType", supportedApiExposesNoInternalType());
        return rules;
    }
}
