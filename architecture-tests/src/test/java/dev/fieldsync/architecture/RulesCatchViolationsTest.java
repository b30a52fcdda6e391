package dev.fieldsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.fieldsync.architecture.fixtures.adapters.memory.InMemoryOrders;
import dev.fieldsync.architecture.fixtures.adapters.persistence.PersistenceUsingApp;
import dev.fieldsync.architecture.fixtures.adapters.persistence.PersistenceUsingApplication;
import dev.fieldsync.architecture.fixtures.adapters.vertx.VertxOrders;
import dev.fieldsync.architecture.fixtures.adapters.vertx.VertxUsingMemoryAdapter;
import dev.fieldsync.architecture.fixtures.adapters.vertx.VertxUsingSandbox;
import dev.fieldsync.architecture.fixtures.app.AppUsingSandbox;
import dev.fieldsync.architecture.fixtures.app.Main;
import dev.fieldsync.architecture.fixtures.app.bad.AppUsingApplicationInternals;
import dev.fieldsync.architecture.fixtures.application.Core;
import dev.fieldsync.architecture.fixtures.application.LeakyCore;
import dev.fieldsync.architecture.fixtures.application.PlaceOrder;
import dev.fieldsync.architecture.fixtures.application.bad.ApplicationUsingAdapter;
import dev.fieldsync.architecture.fixtures.application.bad.ApplicationUsingInject;
import dev.fieldsync.architecture.fixtures.application.submission.OrderService;
import dev.fieldsync.architecture.fixtures.cycle.a.Alpha;
import dev.fieldsync.architecture.fixtures.cycle.b.Beta;
import dev.fieldsync.architecture.fixtures.domain.Money;
import dev.fieldsync.architecture.fixtures.domain.bad.DomainUsingJdbc;
import dev.fieldsync.architecture.fixtures.domain.bad.DomainUsingPorts;
import dev.fieldsync.architecture.fixtures.domain.bad.DomainUsingVertx;
import dev.fieldsync.architecture.fixtures.ports.Orders;
import dev.fieldsync.architecture.fixtures.ports.bad.PortUsingApplication;
import dev.fieldsync.architecture.fixtures.ports.in.CountOrders;
import dev.fieldsync.architecture.fixtures.ports.in.bad.QueryLeakingOutboundPort;
import dev.fieldsync.architecture.fixtures.ports.out.OrderRows;
import dev.fieldsync.architecture.fixtures.ports.out.bad.StoreUsingInboundPort;
import dev.fieldsync.architecture.fixtures.sandbox.FakeGateway;
import dev.fieldsync.architecture.fixtures.sandbox.bad.SandboxUsingDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule reports a violation on a fixture that breaks it, and only the rules that fixture breaks fire:
 * the exact same rule functions that judge the real code base, pointed at the fixture root.
 */
class RulesCatchViolationsTest {
    private static final FieldsyncArchitecture FIXTURE_RULES =
            FieldsyncArchitecture.under("dev.fieldsync.architecture.fixtures");

    /** A small code base that follows every rule. */
    private static final List<Class<?>> CONFORMING = List.of(
            Money.class,
            Orders.class,
            PlaceOrder.class,
            Core.class,
            OrderService.class,
            InMemoryOrders.class,
            VertxOrders.class,
            Main.class,
            AppUsingSandbox.class,
            FakeGateway.class,
            CountOrders.class,
            OrderRows.class);

    private static final Map<List<Class<?>>, JavaClasses> IMPORTED = new java.util.concurrent.ConcurrentHashMap<>();

    private static JavaClasses conformingPlus(Class<?>... offenders) {
        List<Class<?>> classes = new ArrayList<>(CONFORMING);
        classes.addAll(List.of(offenders));
        return IMPORTED.computeIfAbsent(classes, all -> new ClassFileImporter().importClasses(all));
    }

    private static Set<String> brokenRules(JavaClasses classes) {
        Set<String> broken = new TreeSet<>();
        FIXTURE_RULES.all().forEach((name, rule) -> {
            if (rule.evaluate(classes).hasViolation()) {
                broken.add(name);
            }
        });
        return broken;
    }

    @Test
    void theConformingFixtureBreaksNoRule() {
        assertThat(brokenRules(conformingPlus())).isEmpty();
    }

    /** Each offender and exactly the rules it breaks. */
    static Stream<Arguments> offenders() {
        return Stream.of(
                offender(List.of(DomainUsingVertx.class), "domainDependsOnlyOnTheJdk", "coreUsesNoFramework"),
                offender(List.of(DomainUsingJdbc.class), "coreUsesNoFramework"),
                offender(List.of(DomainUsingPorts.class), "domainDependsOnlyOnTheJdk", "noCyclesBetweenModules"),
                offender(List.of(PortUsingApplication.class), "portsDependOnlyOnDomain", "noCyclesBetweenModules"),
                offender(List.of(QueryLeakingOutboundPort.class), "inboundAndOutboundPortsApart"),
                offender(List.of(StoreUsingInboundPort.class), "inboundAndOutboundPortsApart"),
                offender(List.of(ApplicationUsingAdapter.class), "applicationDependsOnlyOnPortsAndDomain"),
                offender(
                        List.of(ApplicationUsingInject.class),
                        "applicationDependsOnlyOnPortsAndDomain",
                        "coreUsesNoFramework"),
                offender(List.of(VertxUsingMemoryAdapter.class), "adaptersDoNotDependOnEachOther"),
                offender(
                        List.of(PersistenceUsingApp.class),
                        "adaptersUseOnlyPortsAndDomain",
                        "adaptersDoNotDependOnTheApp",
                        "noCyclesBetweenModules"),
                offender(List.of(PersistenceUsingApplication.class), "adaptersUseOnlyPortsAndDomain"),
                offender(List.of(SandboxUsingDomain.class), "sandboxIsSelfContained"),
                offender(List.of(VertxUsingSandbox.class), "adaptersUseOnlyPortsAndDomain"),
                offender(List.of(Alpha.class, Beta.class), "noCyclesBetweenPackages"),
                offender(List.of(AppUsingApplicationInternals.class), "internalPackagesStayInTheirModule"),
                offender(List.of(LeakyCore.class), "supportedApiExposesNoInternalType"));
    }

    private static Arguments offender(List<Class<?>> classes, String... rules) {
        return Arguments.of(classes.get(0).getSimpleName(), classes, Set.of(rules));
    }

    @ParameterizedTest(name = "{0} breaks {2}")
    @MethodSource("offenders")
    void eachOffenderBreaksExactlyItsRules(String name, List<Class<?>> offender, Set<String> expected) {
        JavaClasses classes = conformingPlus(offender.toArray(Class<?>[]::new));
        assertThat(brokenRules(classes)).isEqualTo(new TreeSet<>(expected));
        for (String ruleName : expected) {
            EvaluationResult result = FIXTURE_RULES.all().get(ruleName).evaluate(classes);
            assertThat(result.hasViolation()).isTrue();
            assertThat(String.join("\n", result.getFailureReport().getDetails()))
                    .as("%s names the offending class", ruleName)
                    .contains(offender.get(0).getName());
        }
    }

    @Test
    void everyRuleHasAnOffender() {
        Set<String> covered = new TreeSet<>();
        offenders().forEach(arguments -> {
            @SuppressWarnings("unchecked")
            Set<String> rules = (Set<String>) arguments.get()[2];
            covered.addAll(rules);
        });
        assertThat(covered).isEqualTo(new TreeSet<>(FIXTURE_RULES.all().keySet()));
    }

    @Test
    void aDomainClassImportingVertxIsReportedWithTheVertxType() {
        EvaluationResult result =
                FIXTURE_RULES.domainDependsOnlyOnTheJdk().evaluate(conformingPlus(DomainUsingVertx.class));
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(
                        line -> assertThat(line).contains("DomainUsingVertx").contains("io.vertx.core.Vertx"));
    }

    /** The generic functions work on any patterns, not only through {@link FieldsyncArchitecture}. */
    @Test
    void theGenericFunctionsTakeAnyPackagePatterns() {
        JavaClasses classes = conformingPlus(DomainUsingJdbc.class, Alpha.class, Beta.class);
        String root = "dev.fieldsync.architecture.fixtures";
        Map<ArchRule, Boolean> expectations = Map.of(
                ArchitectureRules.dependsOnlyOn(root + ".domain..", "java.."), false,
                ArchitectureRules.dependsOnlyOn(root + ".domain..", "java.math.."), true,
                ArchitectureRules.dependOnNoneOf(List.of(root + ".domain.."), List.of("java.sql..")), true,
                ArchitectureRules.dependsInsideProjectOnlyOn(
                                root + "..", root + ".app..", root + ".application..", root + ".adapters.."),
                        true,
                ArchitectureRules.usedOnlyFromItself(root + "..", root + ".adapters.."), true,
                ArchitectureRules.usedOnlyFromItself(root + "..", root + ".app.."), false,
                ArchitectureRules.slicesIndependent(root + ".(*).."), true,
                ArchitectureRules.freeOfCycles(root + ".cycle.(*).."), true,
                ArchitectureRules.freeOfCycles(root + ".(*).."), false);
        expectations.forEach(
                (rule, violated) -> assertThat(rule.evaluate(classes).hasViolation())
                        .as(rule.getDescription())
                        .isEqualTo(violated));
    }
}
