package dev.fieldsync.app.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * A service with several named tokens (on the gateway sandbox, H2), every log line it writes captured: what the
 * security tests call.
 */
final class SecuredService implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final SecureRandom RANDOM = new SecureRandom();

    final GatewaySandbox sandbox;
    final ApplicationContext context;
    final String base;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    SecuredService(Map<String, Object> extra) {
        logs.start();
        root().addAppender(logs);
        sandbox = GatewaySandbox.start(
                SandboxOptions.defaults().seed(5).jobs(20).rateLimited(false).port(0));
        Path file = Path.of("target", "security-h2", "fs-" + UUID.randomUUID()).toAbsolutePath();
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", "jdbc:h2:file:" + file + ";MODE=PostgreSQL;LOCK_TIMEOUT=10000");
        properties.put("datasources.default.username", "sa");
        properties.put("datasources.default.password", "");
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put(
                "fieldsync.integration-id",
                "sec-" + UUID.randomUUID().toString().substring(0, 8));
        properties.putAll(extra);
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
    }

    /** A token as {@code fieldsync token new} makes one: 256 random bits. */
    static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return "fst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    HttpResponse<String> send(String method, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** Every line logged since the service started, with its stack trace. */
    List<String> logLines() {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            lines.add(event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        return lines;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    public void close() {
        root().detachAppender(logs);
        context.close();
        sandbox.close();
    }
}
