package dev.fieldsync.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.adapters.rabbitmq.RabbitMqSettings;
import dev.fieldsync.adapters.rabbitmq.RabbitMqSink;
import dev.fieldsync.adapters.vertx.webhook.WebhookSink;
import dev.fieldsync.adapters.vertx.webhook.WebhookTarget;
import dev.fieldsync.app.rest.ChangeView;
import dev.fieldsync.application.delivery.ChangeConsumer;
import dev.fieldsync.application.delivery.ChangeDeliveries;
import dev.fieldsync.application.delivery.ChangeDispatcher;
import dev.fieldsync.benchmarks.harness.Stack;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.delivery.RetrySchedule;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.out.delivery.ChangeEncoder;
import dev.fieldsync.ports.out.delivery.ChangeSink;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.ChangeLog;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Outbound delivery at the library level (application.delivery + the sinks, as the service will wire them): a
 * {@link ChangeDispatcher} over the SQL change log and delivery state, to a {@link WebhookSink} posting to a local
 * Vert.x receiver (answers 204) and to a {@link RabbitMqSink} publishing to the local broker (publisher confirms; a
 * consumer on a bound queue receives). Two figures per sink: draining a full log (changes/s), and during a live
 * first sync the time from each page's commit (the change log's commit listener) to the change's arrival at the
 * receiver or the broker's consumer (p50/p99; one JVM, one clock).
 */
final class DeliverySpeed {
    static final WebhookSecret SECRET = WebhookSecret.standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final DeliveryPolicy POLICY =
            new DeliveryPolicy(RetrySchedule.parse("1s,1s,1s"), Duration.ofMinutes(10));
    private static final int BATCH = 1000;

    private DeliverySpeed() {}

    /** The JSON a consumer gets: the change as the REST API shows it. */
    static ChangeEncoder encoder() {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return change -> {
            try {
                return json.writeValueAsString(ChangeView.of(change));
            } catch (Exception e) {
                throw new IllegalStateException("cannot encode change " + change.sequence(), e);
            }
        };
    }

    /** A sink and what received from it, per sequence. */
    interface Target extends AutoCloseable {
        ChangeSink sink();

        Arrivals arrivals();

        @Override
        void close() throws Exception;
    }

    static Target webhook(Vertx vertx, int expected) throws Exception {
        Arrivals arrivals = new Arrivals(expected);
        HttpServer receiver = vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String id = request.getHeader("webhook-id");
                    arrivals.arrived(Long.parseLong(id.substring(id.lastIndexOf('_') + 1)));
                    request.response().setStatusCode(204).end();
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        WebhookSink sink = new WebhookSink(
                vertx,
                new WebhookTarget(
                        "bench",
                        URI.create("http://127.0.0.1:" + receiver.actualPort() + "/hook"),
                        List.of(SECRET),
                        Duration.ofSeconds(10)),
                Clock.systemUTC());
        return new Target() {
            public ChangeSink sink() {
                return sink;
            }

            public Arrivals arrivals() {
                return arrivals;
            }

            public void close() throws Exception {
                sink.close();
                receiver.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        };
    }

    static Target rabbit(int expected) throws Exception {
        Arrivals arrivals = new Arrivals(expected);
        String exchange = "fieldsync-bench-" + UUID.randomUUID();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        Connection connection = factory.newConnection("fieldsync bench consumer");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", false, true, null);
        String queue =
                channel.queueDeclare(exchange + "-q", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "#");
        channel.basicQos(2_000);
        DeliverCallback received = (tag, message) -> {
            arrivals.arrived(((Number) message.getProperties().getHeaders().get("fieldsync-sequence")).longValue());
            channel.basicAck(message.getEnvelope().getDeliveryTag(), false);
        };
        channel.basicConsume(queue, false, received, tag -> {});
        RabbitMqSink sink = new RabbitMqSink(RabbitMqSettings.local(exchange, "fieldsync.{kind}"), Clock.systemUTC());
        return new Target() {
            public ChangeSink sink() {
                return sink;
            }

            public Arrivals arrivals() {
                return arrivals;
            }

            public void close() throws Exception {
                sink.close();
                connection.close();
            }
        };
    }

    /** Dispatches {@code target}'s consumer until every one of {@code expected} changes arrived. */
    static double drain(PersistenceAdapters stores, Target target, String consumer, long expected)
            throws InterruptedException {
        ChangeDispatcher dispatcher = dispatcher(stores);
        ChangeConsumer to = new ChangeConsumer(consumer, Set.of(), target.sink(), POLICY, BATCH);
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MINUTES.toNanos(20);
        while (target.arrivals().count() < expected) {
            ChangeDispatcher.Outcome outcome = dispatcher.dispatch(to);
            if (outcome != ChangeDispatcher.Outcome.DELIVERED) {
                Thread.sleep(outcome == ChangeDispatcher.Outcome.IDLE ? 1 : 100);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        consumer + ": " + target.arrivals().count() + " of " + expected
                                + " changes arrived in 20 minutes (last outcome " + outcome + ")");
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** What a live run measured: changes delivered, the span, commit-to-arrival latencies (sorted, ms). */
    record Live(long changes, double seconds, double[] latencies) {}

    /**
     * A first sync through {@code stack} while a dispatcher thread delivers to {@code target}: it dispatches until
     * idle, then waits for the next commit (the log's listener) or 5 ms.
     */
    static Live live(Stack stack, Target target, String consumer) throws Exception {
        PersistenceAdapters stores = stack.persistence().orElseThrow();
        ChangeLog log = stores.context().getBean(ChangeLog.class);
        java.util.concurrent.Semaphore committed = new java.util.concurrent.Semaphore(0);
        log.onCommitted((integration, latest) -> {
            target.arrivals().committedThrough(latest);
            committed.release();
        });
        ChangeDispatcher dispatcher = dispatcher(stores);
        ChangeConsumer to = new ChangeConsumer(consumer, Set.of(), target.sink(), POLICY, BATCH);
        java.util.concurrent.atomic.AtomicBoolean syncing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread delivering = new Thread(
                () -> {
                    try {
                        while (syncing.get() || target.arrivals().count() < log.latestSequence(Stack.INTEGRATION)) {
                            if (dispatcher.dispatch(to) != ChangeDispatcher.Outcome.DELIVERED) {
                                committed.tryAcquire(5, TimeUnit.MILLISECONDS);
                                committed.drainPermits();
                            }
                        }
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                },
                "bench-dispatcher-" + consumer);
        delivering.start();
        try {
            stack.core().lookups().refresh();
            stack.core().syncJobs().runPass(dev.fieldsync.ports.in.sync.SyncProgressListener.NONE);
        } finally {
            syncing.set(false);
        }
        delivering.join(TimeUnit.MINUTES.toMillis(20));
        if (failed.get() != null) {
            throw new IllegalStateException("the dispatcher failed", failed.get());
        }
        long total = log.latestSequence(Stack.INTEGRATION);
        if (delivering.isAlive() || target.arrivals().count() < total) {
            delivering.interrupt();
            throw new IllegalStateException(consumer + ": " + target.arrivals().count() + " of " + total
                    + " changes arrived within 20 minutes of the sync's end");
        }
        return new Live(
                total, target.arrivals().spanSeconds(total), target.arrivals().latenciesMillis(total));
    }

    static ChangeDispatcher dispatcher(PersistenceAdapters stores) {
        Clock clock = Clock.systemUTC();
        DeliveryLog deliveryLog = stores.context().getBean(DeliveryLog.class);
        return new ChangeDispatcher(
                Stack.INTEGRATION,
                stores.context().getBean(ChangeLog.class),
                stores.context().getBean(ConsumerCursors.class),
                deliveryLog,
                new ChangeDeliveries(Stack.INTEGRATION, encoder(), deliveryLog, clock),
                clock);
    }

    static Vertx vertx() {
        return Vertx.vertx();
    }
}
