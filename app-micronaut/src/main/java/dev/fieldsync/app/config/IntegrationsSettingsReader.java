package dev.fieldsync.app.config;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationInput;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The integrations declared in configuration, {@code fieldsync.integrations.<id>.*}: each validated as the admin API
 * validates a body ({@link IntegrationInput}), every problem of every one named at once, by its property. Secrets are
 * references only; a value that is not one is refused without being repeated.
 */
final class IntegrationsSettingsReader {
    static final String PREFIX = "fieldsync.integrations";
    /** Set by the CLI's {@code --integration}: the served id's entry is the one the command runs as, not a mistake. */
    static final String RUN_AS_ENTRY = "fieldsync.integration-from-registry";

    private final PropertyValues values;
    private final IntegrationId served;

    IntegrationsSettingsReader(PropertyValues values, IntegrationId served) {
        this.values = values;
        this.served = served;
    }

    List<Integration> read() {
        List<ConfigurationProblem> problems = new ArrayList<>();
        if (values.raw(PREFIX).isPresent()) {
            problems.add(new ConfigurationProblem(
                    PREFIX,
                    "is a single value",
                    "declare each integration under its id: " + PREFIX + ".<id>.gateway-url, " + PREFIX
                            + ".<id>.key, ..."));
        }
        List<Integration> declared = new ArrayList<>();
        boolean runAsEntry = values.bool(RUN_AS_ENTRY, false);
        for (String name : values.entries(PREFIX)) {
            String prefix = PREFIX + "." + name;
            IntegrationId id;
            try {
                id = IntegrationId.of(name);
            } catch (IllegalArgumentException malformed) {
                problems.add(new ConfigurationProblem(
                        prefix, "names an integration id that is not allowed", "use 1-63 of a-z, 0-9, '_', '-'"));
                continue;
            }
            if (id.equals(served)) {
                if (runAsEntry) {
                    continue;
                }
                problems.add(new ConfigurationProblem(
                        prefix,
                        "is this service's own integration (fieldsync.integration-id)",
                        "configure that one with fieldsync.gateway.base-url, fieldsync.key.*, ...; list others here"));
                continue;
            }
            Validated<Integration> integration =
                    input(prefix, problems).validate(id, IntegrationOrigin.CONFIGURATION, Optional.empty());
            for (Violation violation : integration.violations()) {
                problems.add(new ConfigurationProblem(
                        prefix + "." + property(violation.field()),
                        "is wrong: " + violation.message(),
                        "see \"Integrations\" in app-micronaut/README.md"));
            }
            integration.value().ifPresent(declared::add);
        }
        if (!problems.isEmpty()) {
            throw ConfigurationProblem.all(problems);
        }
        return declared;
    }

    private IntegrationInput input(String prefix, List<ConfigurationProblem> problems) {
        return new IntegrationInput(
                values.raw(prefix + ".gateway-url"),
                values.raw(prefix + ".key"),
                values.raw(prefix + ".next-key"),
                values.raw(prefix + ".webhook-secrets")
                        .map(list -> Arrays.stream(list.split(","))
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList()),
                values.raw(prefix + ".sync-interval"),
                number(prefix + ".budget.rate-per-minute", problems),
                number(prefix + ".budget.burst", problems),
                number(prefix + ".budget.background-reserve", problems),
                flag(prefix + ".enabled", problems));
    }

    private Optional<Integer> number(String property, List<ConfigurationProblem> problems) {
        Optional<String> text = values.raw(property);
        try {
            return text.map(String::strip).map(Integer::valueOf);
        } catch (NumberFormatException notANumber) {
            problems.add(new ConfigurationProblem(property, "is not a whole number", "use e.g. 38"));
            return Optional.empty();
        }
    }

    private Optional<Boolean> flag(String property, List<ConfigurationProblem> problems) {
        try {
            return values.raw(property).map(text -> values.bool(property, true));
        } catch (ConfigurationProblem notABoolean) {
            problems.add(notABoolean);
            return Optional.empty();
        }
    }

    /** The property of an API member: {@code rate_per_minute} is {@code budget.rate-per-minute}. */
    private static String property(String field) {
        String kebab = field.replace('_', '-').replaceAll("\\[\\d+]$", "").toLowerCase(Locale.ROOT);
        return switch (kebab) {
            case "rate-per-minute", "burst", "background-reserve" -> "budget." + kebab;
            default -> kebab;
        };
    }
}
