package dev.fieldsync.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
    private static final String SECRET_TEXT = "whsec_current_0123456789";
    private static final String OLD_SECRET_TEXT = "whsec_previous_abcdefghi";
    private static final WebhookSecret SECRET = WebhookSecret.of(SECRET_TEXT);
    private static final WebhookSecret OLD_SECRET = WebhookSecret.of(OLD_SECRET_TEXT);
    private static final long T = 1_782_900_000L;
    private static final Instant NOW = Instant.ofEpochSecond(T);
    private static final byte[] BODY = ("{\"event_id\":\"evt_1\",\"event_type\":\"job.created\","
                    + "\"occurred_at\":\"2026-07-01T00:00:00Z\",\"job\":{\"id\":\"21172159\"}}")
            .getBytes(StandardCharsets.UTF_8);

    /** HMAC-SHA256 over "{t}.{body}", computed here independently of the production code. */
    private static byte[] hmac(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return mac.doFinal(message);
    }

    private static String hexHeader(String secret, long t, byte[] body) throws Exception {
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    private static WebhookSignature.Verdict verify(String header, byte[] body, Instant now) {
        return WebhookSignature.verify(header, body, List.of(SECRET), now);
    }

    @Test
    void aLowercaseHexSignatureIsValid() throws Exception {
        WebhookSignature.Verdict verdict = verify(hexHeader(SECRET_TEXT, T, BODY), BODY, NOW);
        assertThat(verdict.valid()).as(verdict.reason()).isTrue();
    }

    @Test
    void anUppercaseHexSignatureIsValid() throws Exception {
        String header = "t=" + T + ",v1=" + HexFormat.of().withUpperCase().formatHex(hmac(SECRET_TEXT, T, BODY));
        assertThat(verify(header, BODY, NOW).valid()).isTrue();
    }

    @Test
    void aBase64SignatureIsValid() throws Exception {
        String header = "t=" + T + ",v1=" + Base64.getEncoder().encodeToString(hmac(SECRET_TEXT, T, BODY));
        assertThat(verify(header, BODY, NOW).valid()).isTrue();
    }

    @Test
    void signProducesWhatTheGatewaySends() throws Exception {
        assertThat(WebhookSignature.sign(SECRET, T, BODY)).isEqualTo(hexHeader(SECRET_TEXT, T, BODY));
    }

    @Test
    void eitherOfTwoSecretsIsAcceptedDuringARotation() throws Exception {
        List<WebhookSecret> both = List.of(SECRET, OLD_SECRET);
        assertThat(WebhookSignature.verify(hexHeader(OLD_SECRET_TEXT, T, BODY), BODY, both, NOW)
                        .valid())
                .isTrue();
        assertThat(WebhookSignature.verify(hexHeader(SECRET_TEXT, T, BODY), BODY, both, NOW)
                        .valid())
                .isTrue();
        assertThat(WebhookSignature.verify(hexHeader(OLD_SECRET_TEXT, T, BODY), BODY, List.of(SECRET), NOW)
                        .valid())
                .isFalse();
        assertThat(WebhookSignature.verify(hexHeader("some other secret", T, BODY), BODY, both, NOW)
                        .reason())
                .contains("does not match");
    }

    @Test
    void anyOfSeveralV1ValuesMayMatch() throws Exception {
        String header =
                "t=" + T + ",v1=" + "0".repeat(64) + ",v1=" + HexFormat.of().formatHex(hmac(SECRET_TEXT, T, BODY));
        assertThat(verify(header, BODY, NOW).valid()).isTrue();
    }

    @Test
    void spacesAroundPartsAreTolerated() throws Exception {
        String header = " t=" + T + " , v1=" + HexFormat.of().formatHex(hmac(SECRET_TEXT, T, BODY)) + " ";
        assertThat(verify(header, BODY, NOW).valid()).isTrue();
    }

    @Test
    void aTamperedBodyIsRefused() throws Exception {
        String header = hexHeader(SECRET_TEXT, T, BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8)
                .replace("21172159", "21172158")
                .getBytes(StandardCharsets.UTF_8);
        WebhookSignature.Verdict verdict = verify(header, tampered, NOW);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).contains("does not match");
        assertThat(verify(header, new byte[0], NOW).valid()).isFalse();
    }

    @Test
    void aTamperedTimestampIsRefused() throws Exception {
        String signedForOtherTime = "t=" + (T + 1) + ",v1=" + HexFormat.of().formatHex(hmac(SECRET_TEXT, T, BODY));
        assertThat(verify(signedForOtherTime, BODY, NOW).valid()).isFalse();
    }

    @Test
    void aTimestampMoreThanFiveMinutesOffIsRefusedEitherWay() throws Exception {
        String header = hexHeader(SECRET_TEXT, T, BODY);
        assertThat(verify(header, BODY, NOW.plusSeconds(299)).valid()).isTrue();
        assertThat(verify(header, BODY, NOW.minusSeconds(299)).valid()).isTrue();
        assertThat(verify(header, BODY, NOW.plusSeconds(300)).valid()).isTrue();
        WebhookSignature.Verdict late = verify(header, BODY, NOW.plusSeconds(301));
        assertThat(late.valid()).isFalse();
        assertThat(late.reason()).contains("301 s").contains("300 s");
        assertThat(verify(header, BODY, NOW.minusSeconds(301)).valid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "v1=abc",
                "t=1782900000",
                "t=abc,v1=00",
                "garbage",
                "t=,v1=",
                "t=99999999999999999,v1=00",
                "t=-99999999999999999,v1=00",
                "t=1782900000,v1=not-hex-nor-base64!"
            })
    void malformedHeadersAreRefusedNotThrown(String header) {
        WebhookSignature.Verdict verdict = verify(header, BODY, NOW);
        assertThat(verdict.valid()).isFalse();
        assertThat(verdict.reason()).isNotBlank();
    }

    @Test
    void aMissingHeaderOrNoSecretIsRefused() {
        assertThat(verify(null, BODY, NOW).reason()).contains("missing");
        assertThat(WebhookSignature.verify("t=1,v1=00", BODY, List.of(), NOW).reason())
                .contains("no webhook secret");
    }

    @Test
    void theSecretNeverShows() {
        assertThat(SECRET.toString())
                .doesNotContain(SECRET_TEXT)
                .doesNotContain("0123456789")
                .contains("redacted");
        assertThat(List.of(SECRET, OLD_SECRET).toString())
                .doesNotContain(SECRET_TEXT)
                .doesNotContain(OLD_SECRET_TEXT);
        assertThatThrownBy(() -> WebhookSecret.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalReasonsNeverContainTheSecret() throws Exception {
        for (String header : List.of(hexHeader("wrong", T, BODY), hexHeader(SECRET_TEXT, T - 1000, BODY), "junk")) {
            assertThat(verify(header, BODY, NOW).reason()).doesNotContain(SECRET_TEXT);
        }
    }

    @Test
    void aWebhookEventNeedsAnEventId() {
        Instant at = Instant.parse("2026-07-01T00:00:00Z");
        WebhookEvent event = new WebhookEvent(
                IntegrationId.of("acme"),
                "evt_1",
                WebhookEvent.JOB_STATUS_CHANGED,
                at,
                Optional.of(JobId.of("21172159")),
                Optional.of("scheduled"),
                Optional.of("pending"),
                at,
                null);
        assertThat(event.rawBody()).isEmpty();
        assertThatThrownBy(() -> new WebhookEvent(
                        IntegrationId.of("acme"),
                        " ",
                        WebhookEvent.JOB_CREATED,
                        at,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        at,
                        "{}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookEvent(
                        IntegrationId.of("acme"),
                        "e".repeat(201),
                        WebhookEvent.JOB_CREATED,
                        at,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        at,
                        "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
