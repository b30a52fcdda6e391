package dev.fieldsync.app.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.jwks.JwksClient;
import io.micronaut.security.token.jwt.signature.jwks.ResourceRetrieverJwksClient;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Reads the JWKS with the JDK's HTTP client and timeouts (5 s to connect, 10 s in all), so an identity provider
 * that hangs refuses JWTs instead of holding requests; micronaut-security-jwt caches what it answers. A failure is
 * logged with the URL (a public address) and refuses the token, 401.
 */
@Singleton
@Replaces(ResourceRetrieverJwksClient.class)
public class JwksFetch implements JwksClient {
    private static final Logger LOG = LoggerFactory.getLogger(JwksFetch.class);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public Publisher<String> load(String providerName, String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .build();
        CompletableFuture<String> body = CLIENT.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("it answered " + response.statusCode());
                    }
                    return response.body();
                });
        return Mono.fromFuture(body).onErrorResume(failure -> {
            Throwable cause = failure.getCause() instanceof IOException io ? io : failure;
            LOG.warn("The JWKS at {} could not be read ({}); JWTs are refused until it can", url, cause.toString());
            return Mono.empty();
        });
    }
}
