package dev.fieldsync.benchmarks.e2e;

import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.benchmarks.harness.Databases;
import dev.fieldsync.benchmarks.harness.Stack;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The feed's read and delivery figures on PostgreSQL: one first sync with the change log on fills a schema; the
 * service pages through it over REST ({@link FeedReadSpeed}); the dispatcher drains it to each sink; then, per sink,
 * a first sync into a fresh schema with the dispatcher delivering as pages commit ({@link DeliverySpeed#live}).
 */
final class FeedRuns {
    private FeedRuns() {}

    static void run(Results results, String sandboxUrl, int jobs, Set<String> only) throws Exception {
        String schema = "bench_feed_" + System.currentTimeMillis() % 1_000_000;
        try {
            double seconds = ChangeFeedCost.firstSync(sandboxUrl, Databases.postgresFreshSchema(schema, 4), jobs, true);
            results.put("changes_read", "first_sync_s", Results.round(seconds, 3), "s");
            long changes;
            try (HikariDataSource dataSource = Databases.postgresSchema(schema, 4)) {
                changes = ChangeFeedCost.changes(dataSource);
            }
            if (only.contains("read")) {
                System.out.println("== reading " + changes + " changes over REST");
                FeedReadSpeed.run(results, sandboxUrl, schema, changes);
            }
            if (only.contains("delivery")) {
                drain(results, schema, changes);
            }
        } finally {
            Databases.dropPostgresSchema(schema);
        }
        if (only.contains("delivery")) {
            live(results, sandboxUrl, "webhook");
            live(results, sandboxUrl, "rabbitmq");
        }
    }

    private static void drain(Results results, String schema, long changes) throws Exception {
        String b = "changes_delivery";
        Vertx vertx = Vertx.vertx();
        try (HikariDataSource dataSource = Databases.postgresSchema(schema, 4)) {
            PersistenceAdapters stores = PersistenceAdapters.open(dataSource); // left open: see Stack.sql
            for (String sink : new String[] {"webhook", "rabbitmq"}) {
                System.out.println("== draining " + changes + " changes to " + sink);
                try (DeliverySpeed.Target target = target(vertx, sink, (int) changes + 1_000)) {
                    double seconds = DeliverySpeed.drain(stores, target, "drain-" + sink, changes);
                    results.put(b, sink + "_drain_s", Results.round(seconds, 3), "s");
                    results.put(b, sink + "_drain_changes_per_s", Results.round(changes / seconds, 0), "changes/s");
                }
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static void live(Results results, String sandboxUrl, String sink) throws Exception {
        String b = "changes_delivery";
        String schema = "bench_live_" + System.currentTimeMillis() % 1_000_000;
        Vertx vertx = Vertx.vertx();
        System.out.println("== a first sync delivering to " + sink + " as pages commit");
        Stack.Options options = Stack.Options.of(sandboxUrl, Keys.FULL, new UnlimitedRateBudget())
                .with("fieldsync.changes.enabled", true);
        try (Stack stack = Stack.sql(options, Databases.postgresFreshSchema(schema, 4), true);
                DeliverySpeed.Target target = target(vertx, sink, 1_000_000)) {
            DeliverySpeed.Live live = DeliverySpeed.live(stack, target, "live-" + sink);
            results.put(b, sink + "_live_changes", live.changes(), "changes");
            results.put(b, sink + "_live_s", Results.round(live.seconds(), 3), "s");
            results.put(
                    b, sink + "_live_changes_per_s", Results.round(live.changes() / live.seconds(), 0), "changes/s");
            results.put(b, sink + "_live_p50_ms", Results.round(Arrivals.percentile(live.latencies(), 0.50), 1), "ms");
            results.put(b, sink + "_live_p99_ms", Results.round(Arrivals.percentile(live.latencies(), 0.99), 1), "ms");
            results.put(b, sink + "_live_max_ms", Results.round(Arrivals.percentile(live.latencies(), 1.0), 1), "ms");
        } finally {
            Databases.dropPostgresSchema(schema);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static DeliverySpeed.Target target(Vertx vertx, String sink, int capacity) throws Exception {
        return sink.equals("webhook") ? DeliverySpeed.webhook(vertx, capacity) : DeliverySpeed.rabbit(capacity);
    }
}
