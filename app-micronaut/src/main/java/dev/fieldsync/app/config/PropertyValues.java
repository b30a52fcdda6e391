package dev.fieldsync.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One property read as text, a boolean, a bounded number, a duration or a readable file, each falling back to
 * its default when absent and throwing a {@link ConfigurationProblem} that names the property and the fix when
 * malformed. {@link SettingsReader} says which properties there are; this says how a value is read.
 */
final class PropertyValues {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Function<String, Optional<String>> properties;
    private final Function<String, Collection<String>> entries;

    /**
     * {@code properties} looks a property up by name; blank values count as absent. {@code entries} names the
     * entries under a prefix (the {@code <name>} of {@code fieldsync.api.tokens.<name>.hashes}).
     */
    PropertyValues(Function<String, Optional<String>> properties, Function<String, Collection<String>> entries) {
        this.properties = name -> properties.apply(name).map(String::strip).filter(value -> !value.isEmpty());
        this.entries = entries;
    }

    /** The names of the entries under {@code prefix}, sorted. */
    SortedSet<String> entries(String prefix) {
        return new TreeSet<>(entries.apply(prefix));
    }

    /** The value as written, stripped; empty when absent or blank. */
    Optional<String> raw(String property) {
        return properties.apply(property);
    }

    String text(String property, String fallback) {
        return properties.apply(property).orElse(fallback);
    }

    boolean bool(String property, boolean fallback) {
        Optional<String> value = properties.apply(property);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default ->
                throw new ConfigurationProblem(
                        property, "is '" + value.get() + "', not a boolean", "use true or false");
        };
    }

    int integer(String property, int fallback, int min, int max) {
        Optional<String> value = properties.apply(property);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                throw new ConfigurationProblem(
                        property,
                        "is " + parsed + ", outside " + min + "-" + max,
                        "use a whole number from " + min + " to " + max);
            }
            return parsed;
        } catch (NumberFormatException notANumber) {
            throw new ConfigurationProblem(
                    property,
                    "is '" + value.get() + "', not a whole number",
                    "use a whole number from " + min + " to " + max);
        }
    }

    Duration duration(String property, Duration fallback) {
        return properties
                .apply(property)
                .map(value -> parseDuration(property, value))
                .orElse(fallback);
    }

    Duration positiveDuration(String property, Duration fallback) {
        Duration value = duration(property, fallback);
        positive(property, value);
        return value;
    }

    /** A duration that may be zero (a cap switched off) but not negative. */
    Duration notNegativeDuration(String property, Duration fallback) {
        Duration value = duration(property, fallback);
        if (value.isNegative()) {
            throw new ConfigurationProblem(property, "is negative", "use e.g. 1m, or 0s to switch the cap off");
        }
        return value;
    }

    static void positive(String property, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new ConfigurationProblem(property, "must be longer than zero", "use e.g. 30s, 5m, 2h or 7d");
        }
    }

    /** Accepts {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} and ISO-8601 ({@code PT5M}). */
    static Duration parseDuration(String property, String value) {
        Matcher simple = SIMPLE_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException malformed) {
            throw new ConfigurationProblem(
                    property, "is '" + value + "', not a duration", "use e.g. 30s, 5m, 2h or 7d");
        }
    }

    Optional<Path> existingFile(String property) {
        Optional<Path> file = properties.apply(property).map(Path::of);
        file.ifPresent(path -> {
            if (!Files.isReadable(path)) {
                throw new ConfigurationProblem(
                        property,
                        "points to " + path.toAbsolutePath() + ", which is not a readable file",
                        "create the file with the key on one line, or unset " + property);
            }
        });
        return file;
    }
}
