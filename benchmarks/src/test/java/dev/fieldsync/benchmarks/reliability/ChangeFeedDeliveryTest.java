package dev.fieldsync.benchmarks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.fieldsync.adapters.memory.ManualClock;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.adapters.rabbitmq.RabbitMqSettings;
import dev.fieldsync.adapters.rabbitmq.RabbitMqSink;
import dev.fieldsync.adapters.vertx.webhook.WebhookSink;
import dev.fieldsync.adapters.vertx.webhook.WebhookTarget;
import dev.fieldsync.application.delivery.ChangeConsumer;
import dev.fieldsync.application.delivery.ChangeDeliveries;
import dev.fieldsync.application.delivery.ChangeDispatcher;
import dev.fieldsync.application.delivery.ChangeReplay;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.delivery.DeliveryPolicy;
import dev.fieldsync.domain.delivery.RetrySchedule;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.domain.webhook.StandardWebhookSignature;
import dev.fieldsync.domain.webhook.WebhookSecret;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.contract.Fixtures;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The push side of the change feed end to end on a real database (H2 and PostgreSQL), a real HTTP receiver and the
 * real RabbitMQ broker: the receiver answers 500 to every third request, takes too long for every tenth and is "down"
 * (503) for a stretch; the dispatcher's process is restarted (a new context on the same database) half-way. The
 * receiver (deduping by webhook-id, checking each signature) and a broker consumer (deduping by message id) each see
 * every change of the log, per job in sequence order; a strict consumer's dead letters are replayed and arrive.
 */
class ChangeFeedDeliveryTest {
    private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");
    private static final WebhookSecret SECRET = WebhookSecret.standard("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final DeliveryPolicy PATIENT =
            new DeliveryPolicy(RetrySchedule.parse("1m,1m,1m,1m,1m,1m,1m,1m,1m,1m"), Duration.ofDays(1));
    private static final DeliveryPolicy STRICT = new DeliveryPolicy(RetrySchedule.parse(""), Duration.ofDays(1));
    private static final int JOBS = 40;

    /** What the receiver saw on one path: first arrivals in order, and how many requests in all. */
    private static final class Seen {
        final Map<String, Long> firstArrivals = new LinkedHashMap<>();
        final Map<String, List<Long>> perJob = new HashMap<>();
        final AtomicInteger requests = new AtomicInteger();

        synchronized void saw(String id, long sequence, String job) {
            if (firstArrivals.putIfAbsent(id, sequence) == null) {
                perJob.computeIfAbsent(job, key -> new ArrayList<>()).add(sequence);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgres"})
    void everyChangeReachesTheReceiverAndTheBrokerPerJobInOrderAcrossARestart(String database) throws Exception {
        HikariDataSource dataSource = dataSource(database);
        IntegrationId integration =
                IntegrationId.of("it-" + UUID.randomUUID().toString().substring(0, 8));
        ManualClock clock = new ManualClock(T0);
        Vertx vertx = Vertx.vertx();
        Map<String, Seen> seen = new ConcurrentHashMap<>(Map.of("/erp", new Seen(), "/strict", new Seen()));
        List<String> badSignatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(vertx, seen, badSignatures, clock);
        String exchange = "fieldsync-feed-" + UUID.randomUUID();
        String queue = exchange + "-q";
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection admin = factory.newConnection("feed test admin")) {
            Channel channel = admin.createChannel();
            channel.exchangeDeclare(exchange, "topic", false, true, null);
            channel.queueDeclare(queue, false, false, true, null);
            channel.queueBind(queue, exchange, "#");

            long total;
            // Not closed: closing a context with the service on the classpath tells the service's shutdown listeners
            // (ScaleOutTest does the same); the pool is the test's and closed at the end.
            PersistenceAdapters first = PersistenceAdapters.migrateAndOpen(dataSource);
            {
                ChangeLog log = first.context().getBean(ChangeLog.class);
                appendChanges(log, integration, 1, JOBS / 2);
                runRound(first, integration, clock, vertx, receiver, exchange, 5); // stopped part-way
                appendChanges(log, integration, JOBS / 2 + 1, JOBS);
            }
            PersistenceAdapters second = PersistenceAdapters.open(dataSource); // "restarted"
            {
                runRound(second, integration, clock, vertx, receiver, exchange, 10_000);
                ChangeLog log = second.context().getBean(ChangeLog.class);
                total = log.latestSequence(integration);
                List<Change> all = log.read(integration, 0, 10_000, Set.of());
                assertThat(all).hasSize((int) total);

                Seen erp = seen.get("/erp");
                assertThat(erp.firstArrivals.keySet())
                        .as("the receiver got every change")
                        .containsExactlyInAnyOrderElementsOf(
                                all.stream().map(Change::id).toList());
                erp.perJob.values().forEach(sequences -> assertThat(sequences).isSorted());
                assertThat(erp.requests.get()).as("failures were retried").isGreaterThan((int) total);
                assertThat(badSignatures).isEmpty();

                // The strict consumer dead-lettered what failed once; a replay of each dead letter delivers it.
                DeliveryLog deliveryLog = second.context().getBean(DeliveryLog.class);
                List<DeliveryLog.DeadLetter> dead = deliveryLog.deadLetters(integration, "strict");
                assertThat(dead).isNotEmpty();
                // (a dead letter after a timeout may still have reached the receiver: it answered too late)
                ChangeReplay replay = new ChangeReplay(
                        integration,
                        log,
                        second.context().getBean(ConsumerCursors.class),
                        deliveryLog,
                        deliveries(second, integration, clock));
                ChangeConsumer strict = strict(vertx, receiver, clock);
                for (int round = 0;
                        round < 20
                                && !deliveryLog
                                        .deadLetters(integration, "strict")
                                        .isEmpty();
                        round++) {
                    for (DeliveryLog.DeadLetter letter : deliveryLog.deadLetters(integration, "strict")) {
                        replay.replay(strict, letter.sequence(), letter.sequence());
                    }
                }
                assertThat(deliveryLog.deadLetters(integration, "strict")).isEmpty();
                assertThat(seen.get("/strict").firstArrivals.keySet())
                        .containsExactlyInAnyOrderElementsOf(
                                all.stream().map(Change::id).toList());
            }

            Map<String, Long> brokerFirst = new LinkedHashMap<>();
            Map<String, List<Long>> brokerPerJob = new HashMap<>();
            for (GetResponse message = channel.basicGet(queue, true);
                    message != null;
                    message = channel.basicGet(queue, true)) {
                long sequence = ((Number) message.getProps().getHeaders().get("fieldsync-sequence")).longValue();
                String job = message.getProps()
                        .getHeaders()
                        .get("fieldsync-ordering-key")
                        .toString();
                if (brokerFirst.putIfAbsent(message.getProps().getMessageId(), sequence) == null) {
                    brokerPerJob.computeIfAbsent(job, key -> new ArrayList<>()).add(sequence);
                }
            }
            assertThat(brokerFirst).hasSize((int) total);
            brokerPerJob.values().forEach(sequences -> assertThat(sequences).isSorted());
            channel.exchangeDelete(exchange);
        } finally {
            dataSource.close();
            receiver.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Dispatches every consumer until all are idle (or {@code maxCalls}), a virtual minute between calls. */
    private void runRound(
            PersistenceAdapters stores,
            IntegrationId integration,
            ManualClock clock,
            Vertx vertx,
            HttpServer receiver,
            String exchange,
            int maxCalls) {
        ChangeDispatcher dispatcher = new ChangeDispatcher(
                integration,
                stores.context().getBean(ChangeLog.class),
                stores.context().getBean(ConsumerCursors.class),
                stores.context().getBean(DeliveryLog.class),
                deliveries(stores, integration, clock),
                clock);
        try (WebhookSink erpSink = webhook(vertx, receiver, "/erp", clock);
                RabbitMqSink broker = new RabbitMqSink(RabbitMqSettings.local(exchange, "fieldsync.{kind}"), clock)) {
            List<ChangeConsumer> consumers = List.of(
                    new ChangeConsumer("erp", Set.of(), erpSink, PATIENT, 7),
                    new ChangeConsumer("broker", Set.of(), broker, PATIENT, 25),
                    strict(vertx, receiver, clock));
            for (int call = 0; call < maxCalls; call++) {
                boolean allIdle = true;
                for (ChangeConsumer consumer : consumers) {
                    if (dispatcher.dispatch(consumer) != ChangeDispatcher.Outcome.IDLE) {
                        allIdle = false;
                    }
                }
                if (allIdle) {
                    return;
                }
                clock.advance(Duration.ofMinutes(1));
            }
        }
    }

    private static ChangeConsumer strict(Vertx vertx, HttpServer receiver, ManualClock clock) {
        return new ChangeConsumer("strict", Set.of(), webhook(vertx, receiver, "/strict", clock), STRICT, 5);
    }

    private static WebhookSink webhook(Vertx vertx, HttpServer receiver, String path, ManualClock clock) {
        URI url = URI.create("http://127.0.0.1:" + receiver.actualPort() + path);
        return new WebhookSink(
                vertx, new WebhookTarget(path.substring(1), url, List.of(SECRET), Duration.ofMillis(300)), clock);
    }

    private static ChangeDeliveries deliveries(
            PersistenceAdapters stores, IntegrationId integration, ManualClock clock) {
        return new ChangeDeliveries(
                integration,
                change -> "{\"id\":\"" + change.id() + "\",\"sequence\":" + change.sequence() + ",\"job\":\""
                        + change.jobId().orElseThrow().value() + "\"}",
                stores.context().getBean(DeliveryLog.class),
                clock);
    }

    /** Per job: created, then two provisional states, so each job has three changes in the log. */
    private static void appendChanges(ChangeLog log, IntegrationId integration, int fromJob, int toJob) {
        List<ChangeEntry> entries = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int id = fromJob; id <= toJob; id++) {
                MirroredJob job = MirroredJob.firstSeen(Fixtures.job(id), T0, T0);
                entries.add(
                        round == 0
                                ? ChangeEntry.created(job, T0)
                                : ChangeEntry.provisional(JobState.PENDING, job, T0.plusSeconds(round)));
            }
        }
        log.append(integration, entries);
    }

    /**
     * Answers 204 after checking the signature; 500 to every 3rd request, a late answer (past the sink's timeout,
     * though the delivery counts as seen) to every 10th, 503 to requests 30 to 45 (down for a while).
     */
    private static HttpServer receiver(
            Vertx vertx, Map<String, Seen> seen, List<String> badSignatures, ManualClock clock) throws Exception {
        AtomicInteger counter = new AtomicInteger();
        return vertx.createHttpServer()
                .requestHandler(request -> request.body().onSuccess(body -> {
                    int n = counter.incrementAndGet();
                    Seen path = seen.get(request.path());
                    path.requests.incrementAndGet();
                    if (n >= 30 && n <= 45) {
                        request.response().setStatusCode(503).end();
                        return;
                    }
                    if (n % 3 == 0) {
                        request.response().setStatusCode(500).end();
                        return;
                    }
                    StandardWebhookSignature.Headers headers = new StandardWebhookSignature.Headers(
                            request.getHeader("webhook-id"),
                            request.getHeader("webhook-timestamp"),
                            request.getHeader("webhook-signature"));
                    byte[] bytes = body.getBytes();
                    if (!StandardWebhookSignature.verify(headers, bytes, List.of(SECRET), clock.instant())
                            .valid()) {
                        badSignatures.add(headers.id());
                    }
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    long sequence = Long.parseLong(text.replaceAll(".*\"sequence\":(\\d+).*", "$1"));
                    String job = text.replaceAll(".*\"job\":\"(\\d+)\".*", "$1");
                    path.saw(headers.id(), sequence, job);
                    if (n % 10 == 0) {
                        vertx.setTimer(
                                600,
                                timer -> request.response().setStatusCode(204).end());
                    } else {
                        request.response().setStatusCode(204).end();
                    }
                }))
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** An H2 file database, or a fresh schema in the PostgreSQL at 127.0.0.1:5432 (database test). */
    private static HikariDataSource dataSource(String database) throws Exception {
        HikariConfig config = new HikariConfig();
        if (database.equals("h2")) {
            Path file = Path.of("target", "h2", "feed-" + UUID.randomUUID()).toAbsolutePath();
            config.setJdbcUrl("jdbc:h2:file:" + file + ";MODE=PostgreSQL");
            config.setUsername("sa");
        } else {
            String schema =
                    "fs_feed_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                    var statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
            }
            config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
            config.setUsername("postgres");
        }
        config.setPassword("");
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
