package dev.fieldsync.app.config;

/**
 * A missing or malformed setting. Its message is one line that names the property and says how to fix it;
 * {@code main} prints exactly that line and exits with code 2.
 */
public final class ConfigurationProblem extends RuntimeException {
    private final String property;

    public ConfigurationProblem(String property, String problem, String fix) {
        super("configuration: " + property + " " + problem + "; " + fix);
        this.property = property;
    }

    public String property() {
        return property;
    }

    /** Finds a configuration problem anywhere in a cause chain (Micronaut wraps bean-creation failures). */
    public static java.util.Optional<ConfigurationProblem> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationProblem problem) {
                return java.util.Optional.of(problem);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return java.util.Optional.empty();
    }
}
