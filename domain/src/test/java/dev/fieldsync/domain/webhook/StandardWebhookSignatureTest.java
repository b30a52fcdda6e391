package dev.fieldsync.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTest {
    // The specification's published vector (its reference libraries' "sign function works" test).
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final Instant SPEC_TIME = Instant.ofEpochSecond(1_614_265_330L);
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final WebhookSecret CURRENT = WebhookSecret.standard(SPEC_SECRET);
    private static final WebhookSecret NEXT =
            WebhookSecret.standard("whsec_QkVSWVNFQ1JFVC1ORVhULTAxMjM0NTY3ODlhYmNkZWY=");

    @Test
    void signingTheSpecificationsVectorGivesItsPublishedSignature() {
        StandardWebhookSignature.Headers headers =
                StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(CURRENT));

        assertThat(headers.id()).isEqualTo(SPEC_ID);
        assertThat(headers.timestamp()).isEqualTo("1614265330");
        assertThat(headers.signature()).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void theWhsecPrefixIsOptional() {
        WebhookSecret bare = WebhookSecret.standard(SPEC_SECRET.substring("whsec_".length()));
        assertThat(StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(bare))
                        .signature())
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void duringARotationBothSignaturesAreSentSpaceSeparatedAndEitherSecretVerifies() {
        StandardWebhookSignature.Headers headers =
                StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(CURRENT, NEXT));

        assertThat(headers.signature()).startsWith(SPEC_SIGNATURE + " v1,");
        assertThat(headers.signature().split(" ")).hasSize(2);
        assertThat(verify(headers, SPEC_BODY, List.of(CURRENT)).valid()).isTrue();
        assertThat(verify(headers, SPEC_BODY, List.of(NEXT)).valid()).isTrue();
    }

    @Test
    void aTamperedBodyIdOrTimestampIsRefused() {
        StandardWebhookSignature.Headers headers =
                StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(CURRENT));
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);

        assertThat(verify(headers, tampered, List.of(CURRENT)).reason()).contains("does not match");
        assertThat(verify(
                                new StandardWebhookSignature.Headers(
                                        "msg_other", headers.timestamp(), headers.signature()),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .valid())
                .isFalse();
        assertThat(verify(
                                new StandardWebhookSignature.Headers(SPEC_ID, "1614265331", headers.signature()),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .valid())
                .isFalse();
        assertThat(verify(headers, SPEC_BODY, List.of(NEXT)).valid()).isFalse();
    }

    @Test
    void aTimestampOutsideTheToleranceIsRefusedEitherWay() {
        StandardWebhookSignature.Headers headers =
                StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of(CURRENT));
        long limit = StandardWebhookSignature.TOLERANCE.toSeconds();

        assertThat(StandardWebhookSignature.verify(headers, SPEC_BODY, List.of(CURRENT), SPEC_TIME.plusSeconds(limit))
                        .valid())
                .isTrue();
        assertThat(StandardWebhookSignature.verify(
                                headers, SPEC_BODY, List.of(CURRENT), SPEC_TIME.plusSeconds(limit + 1))
                        .reason())
                .contains("stale or replayed");
        assertThat(StandardWebhookSignature.verify(
                                headers, SPEC_BODY, List.of(CURRENT), SPEC_TIME.minusSeconds(limit + 1))
                        .valid())
                .isFalse();
    }

    @Test
    void malformedOrMissingHeadersAreRefusedNotThrown() {
        assertThat(verify(
                                new StandardWebhookSignature.Headers(SPEC_ID, "1614265330", "v1,"),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .valid())
                .isFalse();
        assertThat(verify(
                                new StandardWebhookSignature.Headers(SPEC_ID, "1614265330", "v1,@@not-base64@@"),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .valid())
                .isFalse();
        assertThat(verify(
                                new StandardWebhookSignature.Headers(
                                        SPEC_ID, "1614265330", SPEC_SIGNATURE.replace("v1,", "v2,")),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .valid())
                .as("only v1 signatures count")
                .isFalse();
        assertThat(verify(
                                new StandardWebhookSignature.Headers(SPEC_ID, "soon", SPEC_SIGNATURE),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .reason())
                .contains("unix seconds");
        assertThat(verify(
                                new StandardWebhookSignature.Headers(null, "1614265330", SPEC_SIGNATURE),
                                SPEC_BODY,
                                List.of(CURRENT))
                        .reason())
                .contains("missing");
        assertThat(verify(headersFor(SPEC_BODY), SPEC_BODY, List.of()).reason()).contains("no webhook secret");
    }

    @Test
    void aSecretThatIsNotStandardIsRefusedWithHowToMakeOne() {
        assertThatThrownBy(() -> WebhookSecret.standard("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not base64")
                .hasMessageContaining("head -c 32 /dev/urandom");
        assertThatThrownBy(() -> WebhookSecret.standard("whsec_c2hvcnQ="))
                .hasMessageContaining("24 to 64 bytes")
                .hasMessageContaining("has 5");
        assertThatThrownBy(() -> WebhookSecret.standard(" ")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, SPEC_BODY, List.of()))
                .hasMessageContaining("at least one secret");
        assertThatThrownBy(() -> StandardWebhookSignature.sign(" ", SPEC_TIME, SPEC_BODY, List.of(CURRENT)))
                .hasMessageContaining("webhook-id");
    }

    @Test
    void theSecretNeverShowsInTextOrRefusals() {
        assertThat(CURRENT.toString()).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThatThrownBy(() -> WebhookSecret.standard("whsec_c2hvcnQ="))
                .message()
                .doesNotContain("c2hvcnQ");
        String reason = verify(headersFor(SPEC_BODY), "x".getBytes(StandardCharsets.UTF_8), List.of(CURRENT))
                .reason();
        assertThat(reason).doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }

    private static StandardWebhookSignature.Headers headersFor(byte[] body) {
        return StandardWebhookSignature.sign(SPEC_ID, SPEC_TIME, body, List.of(CURRENT));
    }

    private static WebhookSignature.Verdict verify(
            StandardWebhookSignature.Headers headers, byte[] body, List<WebhookSecret> secrets) {
        return StandardWebhookSignature.verify(headers, body, secrets, SPEC_TIME);
    }
}
