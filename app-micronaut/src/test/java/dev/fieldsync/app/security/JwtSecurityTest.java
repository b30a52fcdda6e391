package dev.fieldsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.app.config.TokenHash;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * JWT bearer tokens through micronaut-security-jwt: signed by locally generated keys (RSA and EC) published by a
 * local JWKS endpoint, with issuer, audience, expiry and the scope claim mapping checked; a named token still
 * works beside them; no JWT is ever logged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtSecurityTest {
    static final String ISSUER = "https://idp.example.test/";
    static final String AUDIENCE = "fieldsync-api";

    private final String opaque = SecuredService.newToken();
    private final List<String> issued = new ArrayList<>();
    private RSAKey rsa;
    private ECKey ec;
    private HttpServer jwks;
    private SecuredService service;
    private Level rootLevel;

    @BeforeAll
    void start() throws Exception {
        // As with fieldsync.log.level=DEBUG: the loggers that would print a JWT stay at INFO (logback.xml).
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] keys = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK()))
                .toString(true)
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(keys);
            }
        });
        jwks.start();
        Map<String, Object> properties = new HashMap<>();
        properties.put(
                "fieldsync.api.jwt.jwks-url",
                "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        properties.put("fieldsync.api.jwt.issuer", ISSUER);
        properties.put("fieldsync.api.jwt.audience", AUDIENCE);
        properties.put("fieldsync.api.jwt.scope-claim", "scp");
        properties.put("fieldsync.api.jwt.read-values", "fieldsync.read,reports");
        properties.put("fieldsync.api.jwt.write-values", "fieldsync.write");
        properties.put("fieldsync.api.jwt.admin-values", "fieldsync.admin");
        properties.put("fieldsync.api.tokens.ci.hashes", TokenHash.of(opaque).text());
        properties.put("fieldsync.api.tokens.ci.scopes", "read");
        service = new SecuredService(properties);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (jwks != null) {
            jwks.stop(0);
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(rootLevel);
    }

    private JWTClaimsSet.Builder claims(String subject, Object scopes) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("scp", scopes);
    }

    private String rsaSigned(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        issued.add(jwt.serialize());
        return jwt.serialize();
    }

    private String token(Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder builder = claims("bi-dashboard", List.of("reports"));
        change.accept(builder);
        return rsaSigned(builder.build(), rsa);
    }

    @Test
    void aValidTokenIsTheCallerWithTheScopesItsClaimMapsTo() throws Exception {
        String reader = rsaSigned(
                claims("bi-dashboard", List.of("reports", "unrelated")).build(), rsa);
        assertThat(service.send("GET", "/api/jobs", reader).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = service.send("POST", "/api/sync", reader);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(SecuredService.json(refused).get("detail").asText())
                .contains("needs the scope 'write'", "jwt:bi-dashboard has [read]");

        String writer = rsaSigned(
                claims("ci-pipeline", "fieldsync.read fieldsync.write").build(), rsa);
        assertThat(service.send("POST", "/api/sync", writer).statusCode()).isEqualTo(202);
        assertThat(service.logLines())
                .anySatisfy(line -> assertThat(line).contains("POST /api/sync by jwt:ci-pipeline (write): 202"));
        assertThat(SecuredService.json(service.send("GET", "/health", writer)).has("details"))
                .isTrue();
    }

    @Test
    void anEcSignedTokenVerifiesToo() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                claims("ec-client", List.of("fieldsync.read")).build());
        jwt.sign(new ECDSASigner(ec));
        issued.add(jwt.serialize());
        assertThat(service.send("GET", "/api/jobs", jwt.serialize()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefusedSayingWhen() throws Exception {
        String expired =
                token(claims -> claims.expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
        assertRefused(expired, "expired at");
    }

    @Test
    void aTokenOfAnotherIssuerOrAudienceIsRefused() throws Exception {
        assertRefused(token(claims -> claims.issuer("https://other-idp.example.test/")), "issuer (iss)");
        assertRefused(token(claims -> claims.audience("another-api")), "audience (aud)");
        assertRefused(token(claims -> claims.expirationTime(null)), "no expiry (exp)");
    }

    @Test
    void aTokenSignedByAnotherKeyOrNotSignedIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(rsa.getKeyID()).generate();
        assertRefused(rsaSigned(claims("intruder", List.of("fieldsync.admin")).build(), stranger), "signature");
        String unsigned =
                new PlainJWT(claims("intruder", List.of("fieldsync.admin")).build()).serialize();
        issued.add(unsigned);
        assertRefused(unsigned, "signature");
    }

    @Test
    void aTokenWithoutAMappedScopeIsAuthenticatedButMayDoNothing() throws Exception {
        String none = token(claims -> claims.claim("scp", null));
        HttpResponse<String> refused = service.send("GET", "/api/jobs", none);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(SecuredService.json(refused).get("title").asText()).contains("the read scope");
    }

    @Test
    void namedTokensWorkBesideJwts() {
        assertThat(service.send("GET", "/api/jobs", opaque).statusCode()).isEqualTo(200);
        assertThat(service.send("GET", "/api/jobs", SecuredService.newToken()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void noJwtIsEverLogged() throws Exception {
        service.send("GET", "/api/jobs", token(claims -> {}));
        assertThat(issued).isNotEmpty();
        for (String line : service.logLines()) {
            for (String jwt : issued) {
                // A JWT's signature part is what makes it a credential: neither it nor the whole token is logged.
                String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
                assertThat(line).doesNotContain(jwt);
                if (!signature.isEmpty()) {
                    assertThat(line).doesNotContain(signature);
                }
            }
        }
    }

    private void assertRefused(String jwt, String reason) {
        HttpResponse<String> refused = service.send("GET", "/api/jobs", jwt);
        assertThat(refused.statusCode()).isEqualTo(401);
        JsonNode problem = SecuredService.json(refused);
        assertThat(problem.get("code").asText()).isEqualTo("unauthorized");
        assertThat(problem.get("detail").asText()).contains(reason);
        assertThat(refused.body()).doesNotContain(jwt);
    }
}
