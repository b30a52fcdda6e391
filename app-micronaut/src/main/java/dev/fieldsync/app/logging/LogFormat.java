package dev.fieldsync.app.logging;

import ch.qos.logback.classic.LoggerContext;
import dev.fieldsync.app.config.ConfigurationProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format before logback starts: readable {@code text} (the default) or {@code json}, one JSON
 * object a line (logstash-logback-encoder) with the MDC and the integration as members. Set by
 * {@code -Dfieldsync.log.format} or {@code FIELDSYNC_LOG_FORMAT}; logback.xml reads the system property.
 */
public final class LogFormat {
    static final String PROPERTY = "fieldsync.log.format";
    static final String VARIABLE = "FIELDSYNC_LOG_FORMAT";
    private static final List<String> FORMATS = List.of("text", "json");

    private LogFormat() {}

    /**
     * Resolves the format from the system property, else the environment, normalizes it into the system property,
     * and returns it; an unknown value is a {@link ConfigurationProblem} naming both ways to set it.
     */
    public static String select(Map<String, String> environment) {
        String raw = Optional.ofNullable(System.getProperty(PROPERTY))
                .or(() -> Optional.ofNullable(environment.get(VARIABLE)))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .orElse("text");
        String format = raw.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw new ConfigurationProblem(
                    PROPERTY,
                    "is '" + raw + "', not a log format",
                    "set " + VARIABLE + " (or -D" + PROPERTY + ") to text (the default) or json");
        }
        System.setProperty(PROPERTY, format);
        return format;
    }

    /** Names the integration on every line of the JSON format (a logback context property; one per process). */
    public static void nameIntegration(String integration) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.putProperty("integration", integration);
        }
    }
}
