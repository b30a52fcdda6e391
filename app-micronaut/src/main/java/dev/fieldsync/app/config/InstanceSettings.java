package dev.fieldsync.app.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * This instance's name among the instances of one deployment ({@code fieldsync.instance-id}): shown as the leader of
 * an integration's sync in {@code /api/integrations}. Defaults to the host name (a pod's name on Kubernetes) and the
 * process id, so two processes on one host differ.
 */
public record InstanceSettings(String id) {
    static final String PROPERTY = "fieldsync.instance-id";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public InstanceSettings {
        if (id == null || !FORM.matcher(id).matches()) {
            throw new ConfigurationProblem(
                    PROPERTY,
                    "is '" + id + "', which is not allowed",
                    "use 1-63 characters of A-Z, a-z, 0-9, '.', '_' or '-' (e.g. fieldsync-1)");
        }
    }

    static InstanceSettings read(PropertyValues values, Function<String, Optional<String>> environment) {
        return new InstanceSettings(values.raw(PROPERTY).orElseGet(() -> defaultId(environment)));
    }

    private static String defaultId(Function<String, Optional<String>> environment) {
        String host = environment
                .apply("HOSTNAME")
                .map(name -> name.replaceAll("[^A-Za-z0-9._-]", "-"))
                .filter(name -> !name.isBlank() && Character.isLetterOrDigit(name.charAt(0)))
                .orElse("fieldsync");
        String suffix = "-" + ProcessHandle.current().pid();
        return host.substring(0, Math.min(host.length(), 63 - suffix.length())) + suffix;
    }
}
