package dev.fieldsync.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The service on a fresh H2 database against an embedded sandbox, for the observability tests. */
final class ObservedService implements AutoCloseable {
    static final String TOKEN = "observability-token-0123456789";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    final GatewaySandbox sandbox;
    final ApplicationContext context;
    final String base;

    ObservedService(int jobs, Map<String, Object> extra) {
        this(jobs, extra, url -> url);
    }

    /** {@code gatewayUrl} turns the sandbox's address into the one the service calls (a recording proxy's). */
    ObservedService(int jobs, Map<String, Object> extra, java.util.function.UnaryOperator<String> gatewayUrl) {
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(11).jobs(jobs).rateLimited(false).port(0));
        Path file = Path.of("target", "ops-h2", "fs-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:h2:file:" + file + ";MODE=PostgreSQL;LOCK_TIMEOUT=10000");
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", gatewayUrl.apply(sandbox.baseUrl()));
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        properties.put(
                "fieldsync.integration-id",
                "ops-" + UUID.randomUUID().toString().substring(0, 8));
        properties.putAll(extra);
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
    }

    HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, Map.of());
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Waits (with a deadline) until the first pass has completed. */
    void awaitCompletedPass() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!json(get("/api/sync")).hasNonNull("last_completed_to")) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no completed sync pass within 60 s");
            }
            pause();
        }
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        context.close();
        sandbox.close();
    }
}
