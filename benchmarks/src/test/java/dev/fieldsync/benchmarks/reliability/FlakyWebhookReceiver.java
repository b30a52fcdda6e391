package dev.fieldsync.benchmarks.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.domain.webhook.StandardWebhookSignature;
import dev.fieldsync.domain.webhook.WebhookSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A consumer's HTTP receiver for the service's outbound webhooks, one per path, that checks each Standard Webhooks
 * signature and dedupes by {@code webhook-id}. It misbehaves as told: on the first {@link #FLAKY_TRIES} tries of a
 * change it answers 500 with probability {@code p500} and answers too late (after {@code slowMillis}, having taken
 * the change) with probability {@code pSlow}; while {@link #down} it answers 503 to everything.
 */
final class FlakyWebhookReceiver implements AutoCloseable {
    /** A change fails at random on its first tries only, so the down stretch alone cannot exhaust the retries. */
    static final int FLAKY_TRIES = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final String path;
    private final List<WebhookSecret> secrets;
    private final Random random;
    private final double p500;
    private final double pSlow;
    private final long slowMillis;
    private final Map<String, Integer> tries = new HashMap<>();
    private final FirstArrivals seen = new FirstArrivals();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private int downAfter = Integer.MAX_VALUE;
    private long downForNanos;
    private long downUntil = System.nanoTime();
    private int requests;
    private int answered500;
    private int answeredLate;
    private int answeredDown;

    FlakyWebhookReceiver(String path, WebhookSecret secret, long seed, double p500, double pSlow, long slowMillis)
            throws IOException {
        this.path = path;
        this.secrets = List.of(secret);
        this.random = new Random(seed);
        this.p500 = p500;
        this.pSlow = pSlow;
        this.slowMillis = slowMillis;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext(path, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Down (503 to everything) or up again. */
    void down(boolean down) {
        this.down = down;
    }

    /** Down for {@code millis} from its {@code request}-th request on (so while changes are flowing). */
    synchronized void downAfter(int request, long millis) {
        this.downAfter = request;
        this.downForNanos = millis * 1_000_000;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        int status = decide(id);
        if (status == 204 || status == 299) {
            take(exchange, id, body);
        }
        if (status == 299) { // taken, but answered after the sender's timeout
            sleep(slowMillis);
            status = 204;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private synchronized int decide(String id) {
        requests++;
        if (requests == downAfter) {
            downUntil = System.nanoTime() + downForNanos;
        }
        // Counted before the down check: a change tried during the stretch is past its flaky tries afterwards, so the
        // stretch (five tries at most) and the random failures (two) never add up to its seven attempts.
        int tryNumber = tries.merge(String.valueOf(id), 1, Integer::sum);
        if (down || System.nanoTime() - downUntil < 0) {
            answeredDown++;
            return 503;
        }
        if (tryNumber <= FLAKY_TRIES) {
            double roll = random.nextDouble();
            if (roll < p500) {
                answered500++;
                return 500;
            }
            if (roll < p500 + pSlow) {
                answeredLate++;
                return 299;
            }
        }
        return 204;
    }

    private void take(HttpExchange exchange, String id, byte[] body) throws IOException {
        StandardWebhookSignature.Headers headers = new StandardWebhookSignature.Headers(
                id,
                exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"));
        JsonNode change = JSON.readTree(body);
        if (!StandardWebhookSignature.verify(headers, body, secrets, Instant.now())
                        .valid()
                || !change.path("id").asText().equals(id)) {
            badSignatures.add(String.valueOf(id));
            return;
        }
        long sequence = change.path("sequence").asLong();
        String job = change.path("job_id").asText(change.path("submission_id").asText("-"));
        seen.saw(id, sequence, job);
    }

    /** The changes taken, deduplicated by webhook-id. */
    FirstArrivals seen() {
        return seen;
    }

    List<String> badSignatures() {
        return List.copyOf(badSignatures);
    }

    synchronized String summary() {
        return "requests=" + requests + " unique=" + seen.unique() + " duplicates=" + seen.duplicates()
                + " answered_500=" + answered500 + " answered_late=" + answeredLate
                + " answered_503_down=" + answeredDown + " bad_signatures=" + badSignatures.size();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
