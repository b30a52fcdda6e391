package dev.fieldsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Plain-HTTP test client (java.net.http), independent of any fieldsync client code. */
final class Wire {
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String base;

    Wire(String base) {
        this.base = base;
    }

    HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    HttpResponse<String> post(String path, String key, String body) {
        return send("POST", path, key, body, null);
    }

    HttpResponse<String> patch(String path, String key, String body) {
        return send("PATCH", path, key, body, null);
    }

    HttpResponse<String> put(String path, String body) {
        return send("PUT", path, null, body, null);
    }

    HttpResponse<String> send(String method, String path, String key, String body, String requestId) {
        try {
            return HTTP.send(
                    request(method, path, key, body, requestId, Duration.ofSeconds(20)),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    HttpRequest request(String method, String path, String key, String body, String requestId, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return b.build();
    }

    static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    /** Asserts a problem document of exactly the documented shape and returns it. */
    static JsonObject assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as("status of %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonObject p = json(r);
        assertThat(p.fieldNames()).containsExactlyInAnyOrder("type", "title", "status", "instance");
        assertThat(p.getString("type")).isEqualTo("https://gateway/errors/" + code);
        assertThat(p.getInteger("status")).isEqualTo(status);
        assertThat(p.getString("title")).isNotBlank();
        assertThat(p.getString("instance"))
                .isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        return p;
    }

    /** Polls until the condition holds or the deadline passes. */
    static boolean eventually(Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
