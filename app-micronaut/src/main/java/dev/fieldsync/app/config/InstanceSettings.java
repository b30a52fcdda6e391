package dev.fieldsync.app.config;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * This instance among the instances of one deployment: its name ({@code fieldsync.instance-id}), shown as the leader
 * of an integration's sync in {@code /api/integrations} and written into the lease table, and how it keeps its
 * leases on PostgreSQL ({@code fieldsync.leases.*}). The name defaults to the host name (a pod's name on Kubernetes)
 * and the process id, so two processes on one host differ.
 */
public record InstanceSettings(String id, Leases leases, Scheduler scheduler) {
    static final String PROPERTY = "fieldsync.instance-id";
    static final String HEARTBEAT = "fieldsync.leases.heartbeat-interval";
    static final String TTL = "fieldsync.leases.ttl";
    static final String THREADS = "fieldsync.scheduler.threads";
    static final String PASS_THREADS = "fieldsync.scheduler.pass-threads";
    static final String IDLE_MAX_DELAY = "fieldsync.scheduler.idle-max-delay";
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    public InstanceSettings {
        if (id == null || !FORM.matcher(id).matches()) {
            throw new ConfigurationProblem(
                    PROPERTY,
                    "is '" + id + "', which is not allowed",
                    "use 1-63 characters of A-Z, a-z, 0-9, '.', '_' or '-' (e.g. fieldsync-1)");
        }
    }

    /**
     * The lease keeper's step ({@code heartbeatInterval}: heartbeat, renew, balance) and how long a lease and a
     * heartbeat last ({@code ttl}, at least two intervals). An instance stops its work on a lease one interval before
     * that lease would expire ({@link #leadFor()} after its last renewal): the margin that keeps a stalled holder from
     * running beside the next one.
     */
    public record Leases(Duration heartbeatInterval, Duration ttl) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
        public static final int DEFAULT_TTL_INTERVALS = 3;

        public Leases {
            PropertyValues.positive(HEARTBEAT, heartbeatInterval);
            PropertyValues.positive(TTL, ttl);
            if (ttl.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
                throw new ConfigurationProblem(
                        TTL,
                        "is " + text(ttl) + ", shorter than two heartbeat intervals ("
                                + text(heartbeatInterval.multipliedBy(2))
                                + "): an instance stops its work one interval before its lease expires, so it would"
                                + " hold a lease it may not use",
                        "set it to at least twice " + HEARTBEAT + " (the default is " + DEFAULT_TTL_INTERVALS
                                + " intervals)");
            }
        }

        private static String text(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }

        /** How long after a successful renewal this instance still runs the work of a lease: TTL minus one interval. */
        public Duration leadFor() {
            return ttl.minus(heartbeatInterval);
        }

        /** The longest an integration is without a holder after its holder died: TTL plus one interval. */
        public Duration failoverBound() {
            return ttl.plus(heartbeatInterval);
        }
    }

    /**
     * The one scheduler every integration's loops share in this process: one timer thread, {@code threads} workers for
     * the short work (outbox dispatch, webhook processing, the pause check), {@code passThreads} for sync passes and
     * sweeps (so long passes never hold up the short work), and how long an idle poll may back off to
     * ({@code idleMaxDelay}: dispatch, webhook processing and change delivery look at least that often).
     */
    public record Scheduler(int threads, int passThreads, Duration idleMaxDelay) {
        public static final int DEFAULT_THREADS = 4;
        public static final int DEFAULT_PASS_THREADS = 16;
        public static final Duration DEFAULT_IDLE_MAX_DELAY = Duration.ofSeconds(5);

        public Scheduler {
            PropertyValues.positive(IDLE_MAX_DELAY, idleMaxDelay);
        }

        /** The defaults (tests and tools that build loops without the settings reader). */
        public static Scheduler defaults() {
            return new Scheduler(DEFAULT_THREADS, DEFAULT_PASS_THREADS, DEFAULT_IDLE_MAX_DELAY);
        }

        static Scheduler read(PropertyValues values) {
            return new Scheduler(
                    values.integer(THREADS, DEFAULT_THREADS, 1, 256),
                    values.integer(PASS_THREADS, DEFAULT_PASS_THREADS, 1, 256),
                    values.positiveDuration(IDLE_MAX_DELAY, DEFAULT_IDLE_MAX_DELAY));
        }
    }

    static InstanceSettings read(PropertyValues values, Function<String, Optional<String>> environment) {
        Duration interval = values.positiveDuration(HEARTBEAT, Leases.DEFAULT_INTERVAL);
        Duration ttl = values.positiveDuration(TTL, interval.multipliedBy(Leases.DEFAULT_TTL_INTERVALS));
        return new InstanceSettings(
                values.raw(PROPERTY).orElseGet(() -> defaultId(environment)),
                new Leases(interval, ttl),
                Scheduler.read(values));
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
