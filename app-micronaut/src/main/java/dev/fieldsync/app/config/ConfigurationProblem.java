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

    private ConfigurationProblem(String property, String message) {
        super(message);
        this.property = property;
    }

    /** Several problems as one, a line each (in the order found); one problem stays itself. */
    public static ConfigurationProblem all(java.util.List<ConfigurationProblem> problems) {
        if (problems.size() == 1) {
            return problems.get(0);
        }
        return new ConfigurationProblem(
                problems.get(0).property(),
                String.join(
                        "\n",
                        problems.stream().map(ConfigurationProblem::getMessage).toList()));
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
