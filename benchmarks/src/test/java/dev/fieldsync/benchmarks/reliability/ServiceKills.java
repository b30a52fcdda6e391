package dev.fieldsync.benchmarks.reliability;

import dev.fieldsync.benchmarks.harness.ServiceProcess;
import java.time.Duration;
import java.util.Random;
import java.util.function.Predicate;

/**
 * How the reliability tests crash the real service: a seeded random (the seed printed, {@code -Dfieldsync.crash.seed}
 * replays a run), and a {@code kill -9} once the instance has sent its n-th gateway page request (counted in its own
 * log) and run a few random milliseconds more; the instance's output is kept for the secrets check either way.
 */
final class ServiceKills {
    private ServiceKills() {}

    /** The run's random, seeded from {@code -Dfieldsync.crash.seed} or the clock; prints the seed under {@code label}. */
    static Random seeded(String label) {
        long seed = Long.getLong("fieldsync.crash.seed", System.nanoTime());
        System.out.println(label + " seed=" + seed + " (replay with -Dfieldsync.crash.seed=" + seed + ")");
        return new Random(seed);
    }

    /**
     * Waits (up to {@code timeout}) until {@code service} logged its {@code pages}-th {@code GET /v1/jobs}, sleeps up
     * to 80 ms more (from {@code random}) and SIGKILLs it; its output goes to {@link CapturedLogs} under {@code name}.
     */
    static void killAfterPages(ServiceProcess service, String name, int pages, Random random, Duration timeout)
            throws InterruptedException {
        try {
            service.process().awaitLine(new PageCount(pages), timeout);
            Thread.sleep(random.nextInt(80));
            service.kill();
        } finally {
            service.kill();
            CapturedLogs.addChildOutput(name, service.process().output());
        }
    }

    /** Matches the {@code pages}-th gateway page request the service logged. */
    private static final class PageCount implements Predicate<String> {
        private final int pages;
        private int seen;

        PageCount(int pages) {
            this.pages = pages;
        }

        @Override
        public boolean test(String line) {
            return line.contains("GET /v1/jobs") && ++seen >= pages;
        }
    }
}
