package dev.fieldsync.app.rest;

import dev.fieldsync.app.config.FieldsyncSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Every call needs {@code Authorization: Bearer <fieldsync.api.token>}, except health (probes), webhooks
 * (they carry their own signature), the OpenAPI document and Swagger UI. The comparison takes constant time. A caller that
 * presents the token is the request's principal ({@link ApiClient}, under {@link HttpAttributes#PRINCIPAL}, where
 * Micronaut Security would put it too), so health shows its details to that caller only.
 */
@ServerFilter("/**")
public class ApiTokenFilter {
    private final byte[] expected;

    public ApiTokenFilter(FieldsyncSettings settings) {
        this.expected = settings.api().requireToken().getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    public MutableHttpResponse<Problem> check(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse("");
        String presented = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : "";
        boolean authenticated =
                !presented.isEmpty() && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
        if (authenticated) {
            request.setAttribute(HttpAttributes.PRINCIPAL, ApiClient.TOKEN_HOLDER);
        }
        if (isPublic(request.getPath())) {
            return null;
        }
        if (!authenticated) {
            Problem problem = Problem.of(
                            401,
                            "unauthorized",
                            "Missing or wrong service token",
                            presented.isEmpty() ? "No bearer token was sent." : "The bearer token does not match.")
                    .withHint(
                            "Send Authorization: Bearer <token>, the value of fieldsync.api.token (FIELDSYNC_API_TOKEN).");
            return ProblemHandler.render(request, problem).header("WWW-Authenticate", "Bearer realm=\"fieldsync\"");
        }
        return null;
    }

    static boolean isPublic(String path) {
        return path.equals("/health")
                || path.startsWith("/health/")
                || path.startsWith("/webhooks/")
                || path.startsWith("/openapi/")
                || path.startsWith("/swagger-ui/")
                || path.equals("/openapi");
    }
}
