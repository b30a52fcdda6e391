package dev.fieldsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.config.TokenHash;
import dev.fieldsync.app.rest.ApiDocument;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The API behind Micronaut Security with named, hashed tokens: every row of {@link ScopeTable} allowed to a token
 * with its scope and refused (403, naming the scope) to the others, rotation, the default token, the open paths,
 * and no token or hash in any answer or log line (every logger at DEBUG, as {@code fieldsync.log.level=DEBUG}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSecurityTest {
    private final String legacy = SecuredService.newToken();
    private final String reader = SecuredService.newToken();
    private final String writer = SecuredService.newToken();
    private final String operator = SecuredService.newToken();
    private final String oldRotating = SecuredService.newToken();
    private final String newRotating = SecuredService.newToken();
    private final Map<Scope, String> tokenWith = Map.of(Scope.READ, reader, Scope.WRITE, writer, Scope.ADMIN, operator);
    private final List<String> answers = new ArrayList<>();
    private SecuredService service;
    private Level rootLevel;

    @BeforeAll
    void start() {
        // As with fieldsync.log.level=DEBUG: every logger at DEBUG but those logback.xml pins (Micronaut Security's,
        // whose DEBUG and TRACE lines print tokens, stays at INFO).
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        Map<String, Object> properties = new HashMap<>();
        properties.put("fieldsync.api.token", legacy);
        properties.put(
                "fieldsync.api.tokens.reader.hashes", TokenHash.of(reader).text());
        properties.put("fieldsync.api.tokens.reader.scopes", "read");
        properties.put(
                "fieldsync.api.tokens.writer.hashes", TokenHash.of(writer).text());
        properties.put("fieldsync.api.tokens.writer.scopes", "write");
        properties.put(
                "fieldsync.api.tokens.operator.hashes", TokenHash.of(operator).text());
        properties.put("fieldsync.api.tokens.operator.scopes", "admin");
        properties.put(
                "fieldsync.api.tokens.rotating.hashes",
                TokenHash.of(oldRotating).text() + ", "
                        + TokenHash.of(newRotating).text());
        properties.put("fieldsync.api.tokens.rotating.scopes", "read");
        service = new SecuredService(properties);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(rootLevel);
    }

    @Test
    void everyRowOfTheTableAllowsItsScopeAndRefusesTheOthers() {
        for (ScopeTable.Row row : ScopeTable.ROWS) {
            if (row.scope().isEmpty()) {
                continue;
            }
            Scope needed = row.scope().get();
            String method = ScopeTableTest.sampleMethod(row);
            String path = ScopeTableTest.samplePath(row);
            assertThat(ScopeTable.decide(
                            method,
                            path.replaceAll("\\?.*", ""),
                            flag -> row.flag().map(flag::equals).orElse(false)))
                    .as("the sample of %s decides by its own row", row)
                    .isEqualTo(row);

            HttpResponse<String> allowed = call(method, path, tokenWith.get(needed));
            assertThat(allowed.statusCode())
                    .as("%s %s with a %s token", method, path, needed.wireName())
                    .isNotIn(401, 403);
            for (Scope other : EnumSet.complementOf(EnumSet.of(needed))) {
                HttpResponse<String> refused = call(method, path, tokenWith.get(other));
                assertThat(refused.statusCode())
                        .as("%s %s with a %s token", method, path, other.wireName())
                        .isEqualTo(403);
                JsonNode problem = SecuredService.json(refused);
                assertThat(problem.get("code").asText()).isEqualTo("forbidden");
                assertThat(problem.get("title").asText()).contains("the " + needed.wireName() + " scope");
                assertThat(problem.get("hint").asText()).contains("fieldsync.api.tokens.<name>.scopes");
                assertThat(refused.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(header -> assertThat(header)
                                .contains("insufficient_scope", "scope=\"" + needed.wireName() + "\""));
            }
            HttpResponse<String> anonymous = call(method, path, null);
            assertThat(anonymous.statusCode())
                    .as("%s %s without a token", method, path)
                    .isEqualTo(401);
        }
    }

    @Test
    void theOpenPathsNeedNoToken() {
        assertThat(call("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(SecuredService.json(call("GET", "/health", null)).has("details"))
                .isFalse();
        assertThat(SecuredService.json(call("GET", "/health", reader)).has("details"))
                .as("details for an authenticated caller, whatever its scopes")
                .isTrue();
        assertThat(call("GET", "/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", ApiDocument.PATH, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
        // The webhook receiver answers for itself (its signature check), not the security layer.
        HttpResponse<String> webhook = call("POST", "/webhooks/fieldinsight", null);
        assertThat(webhook.statusCode()).isNotIn(403);
        assertThat(webhook.body()).doesNotContain("\"code\":\"unauthorized\"");
        assertThat(call("GET", "/prometheus", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/prometheus", reader).statusCode()).isEqualTo(200);
    }

    @Test
    void noTokenOrAWrongOneIsA401ProblemWithTheFix() {
        HttpResponse<String> none = call("GET", "/api/jobs", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"fieldsync\"");
        JsonNode problem = SecuredService.json(none);
        assertThat(problem.get("code").asText()).isEqualTo("unauthorized");
        assertThat(problem.get("detail").asText()).contains("No bearer token was sent", "'read'");
        assertThat(problem.get("hint").asText()).contains("FIELDSYNC_API_TOKEN", "fieldsync token new");

        String unknown = SecuredService.newToken();
        HttpResponse<String> wrong = call("GET", "/api/jobs", unknown);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(SecuredService.json(wrong).get("detail").asText()).contains("none of fieldsync's tokens");
        assertThat(wrong.body()).doesNotContain(unknown);
        // Its hash is not a token either.
        assertThat(call("GET", "/api/jobs", TokenHash.of(reader).text()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void withoutAJwksNoJwtIsAcceptedNotEvenAnUnsignedOne() {
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("intruder")
                        .claim("scope", "fieldsync:read fieldsync:write fieldsync:admin")
                        .build())
                .serialize();
        HttpResponse<String> refused = call("GET", "/api/jobs", unsigned);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(SecuredService.json(refused).get("detail").asText())
                .contains("JWTs are not accepted: fieldsync.api.jwt.jwks-url is not set");
    }

    @Test
    void theDefaultTokenHasEveryScope() {
        assertThat(call("GET", "/api/jobs", legacy).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/submissions/x1/resend", legacy).statusCode())
                .isNotIn(401, 403);
        assertThat(call("POST", "/api/integrations/x1", legacy).statusCode()).isNotIn(401, 403);
    }

    @Test
    void bothHashesOfARotationAreAccepted() {
        assertThat(call("GET", "/api/jobs", oldRotating).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/jobs", newRotating).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/sync", newRotating).statusCode()).isEqualTo(403);
    }

    @Test
    void writesAreLoggedWithTheTokenName() {
        HttpResponse<String> started = call("POST", "/api/sync", writer);
        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(service.logLines())
                .anySatisfy(line -> assertThat(line).contains("POST /api/sync by token:writer (write): 202"));
    }

    @Test
    void noTokenNorHashIsEverLoggedOrAnswered() {
        call("GET", "/api/jobs", reader);
        call("POST", "/api/sync", reader);
        call("GET", "/api/jobs", "fst_not-a-token-of-this-service-0123456789");
        Set<String> secrets = Set.of(legacy, reader, writer, operator, oldRotating, newRotating);
        List<String> hashes = secrets.stream()
                .map(token -> TokenHash.of(token).text().substring(TokenHash.PREFIX.length()))
                .toList();
        List<String> lines = service.logLines();
        assertThat(lines).as("log lines captured").isNotEmpty();
        for (String line : lines) {
            assertThat(line).doesNotContain(secrets).doesNotContain(hashes);
        }
        for (String answer : answers) {
            assertThat(answer).doesNotContain(secrets).doesNotContain(hashes);
        }
    }

    private HttpResponse<String> call(String method, String path, String token) {
        HttpResponse<String> response = service.send(method, path, token);
        answers.add(response.headers().map() + " " + response.body());
        return response;
    }
}
