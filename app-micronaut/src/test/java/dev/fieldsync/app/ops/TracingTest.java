package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.fieldsync.sandbox.SandboxKeys;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spans leave the service over OTLP/HTTP (to a local receiver), one per gateway attempt with its attributes and no
 * secret, and a caller's W3C {@code traceparent} reaches the gateway: the requests it sees (through a recording
 * proxy in front of the sandbox) carry the caller's trace id, parented by the spans that were exported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingTest {
    static final String VERIFY_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String VERIFY_PARENT = "00f067aa0ba902b7";
    static final String LOOKUPS_TRACE = "0af7651916cd43dd8448eb211c80319c";

    OtlpReceiver receiver;
    RecordingProxy proxy;
    List<OtlpReceiver.Received> spans;
    List<RecordingProxy.Seen> seen;

    @BeforeAll
    void traceAVerifyAndALookupRefresh() throws Exception {
        receiver = new OtlpReceiver();
        proxy = new RecordingProxy();
        ObservedService service = new ObservedService(
                150,
                Map.of("fieldsync.tracing.enabled", true, "fieldsync.tracing.otlp-endpoint", receiver.endpoint()),
                proxy::in);
        try {
            service.awaitCompletedPass();
            HttpResponse<String> verify = service.send(
                    "GET",
                    "/api/verify",
                    null,
                    Map.of("traceparent", "00-" + VERIFY_TRACE + "-" + VERIFY_PARENT + "-01"));
            assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
            HttpResponse<String> lookups = service.send(
                    "GET",
                    "/api/lookups?refresh=true",
                    null,
                    Map.of("traceparent", "00-" + LOOKUPS_TRACE + "-b7ad6b7169203331-01"));
            assertThat(lookups.statusCode()).isEqualTo(200);
        } finally {
            service.close(); // flushes the batch span processor
        }
        assertThat(receiver.errors).isEmpty();
        spans = receiver.spans();
        seen = proxy.seen();
    }

    @AfterAll
    void stop() {
        receiver.close();
        proxy.close();
    }

    @Test
    void everyGatewayAttemptIsOneExportedClientSpanWithItsAttributes() {
        assertThat(seen).isNotEmpty();
        List<Span> clientSpans = spans.stream()
                .map(OtlpReceiver.Received::span)
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
                .toList();
        assertThat(clientSpans).hasSameSizeAs(seen);
        for (RecordingProxy.Seen request : seen) {
            List<Span> mine = clientSpans.stream()
                    .filter(span -> request.requestId().equals(string(span, "fieldsync.request_id")))
                    .toList();
            assertThat(mine)
                    .as("spans of %s %s (%s)", request.method(), request.path(), request.requestId())
                    .hasSize(1);
            Span span = mine.get(0);
            assertThat(string(span, "http.request.method")).isEqualTo(request.method());
            assertThat(number(span, "http.response.status_code")).isEqualTo(request.status());
            assertThat(string(span, "fieldsync.gateway_request_id")).isEqualTo(request.gatewayRequestId());
            assertThat(number(span, "fieldsync.retry_count")).isZero();
            assertThat(attributes(span)).contains("url.template", "fieldsync.budget_wait_ms", "server.address");
            assertThat(span.getName()).isEqualTo(request.method() + " " + string(span, "url.template"));
            // The header the gateway saw names exactly this span.
            assertThat(request.traceparent())
                    .hasValue("00-" + hex(span.getTraceId()) + "-" + hex(span.getSpanId()) + "-01");
        }
        assertThat(spans)
                .allSatisfy(received -> assertThat(
                                received.resource().getResource().getAttributesList())
                        .anySatisfy(kv -> {
                            assertThat(kv.getKey()).isEqualTo("service.name");
                            assertThat(kv.getValue().getStringValue()).isEqualTo("fieldsync");
                        }));
    }

    @Test
    void theCallersTraceparentReachesTheGateway() {
        List<RecordingProxy.Seen> verifyCalls = seen.stream()
                .filter(request -> request.traceparent().orElse("").startsWith("00-" + VERIFY_TRACE + "-"))
                .toList();
        assertThat(verifyCalls)
                .as("gateway requests made for GET /api/verify")
                .hasSizeGreaterThanOrEqualTo(7)
                .extracting(RecordingProxy.Seen::path)
                .contains("/v1/customers", "/v1/jobs");
        List<RecordingProxy.Seen> lookupCalls = seen.stream()
                .filter(request -> request.traceparent().orElse("").startsWith("00-" + LOOKUPS_TRACE + "-"))
                .toList();
        assertThat(lookupCalls)
                .extracting(RecordingProxy.Seen::path)
                .containsExactlyInAnyOrder(
                        "/v1/customers",
                        "/v1/sites",
                        "/v1/projects",
                        "/v1/job-types",
                        "/v1/job-statuses",
                        "/v1/custom-fields");
        // The sync pass of start-up had no caller: its requests carry traces of their own.
        assertThat(seen).filteredOn(request -> request.traceparent().isEmpty()).isEmpty();
    }

    @Test
    void theServiceSpanContinuesTheCallersTraceAndParentsTheAttempts() {
        Span server = spans.stream()
                .map(OtlpReceiver.Received::span)
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER
                        && hex(span.getTraceId()).equals(VERIFY_TRACE))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no SERVER span in the caller's trace: " + names()));
        assertThat(server.getName()).isEqualTo("GET /api/verify");
        assertThat(hex(server.getParentSpanId())).isEqualTo(VERIFY_PARENT);
        assertThat(number(server, "http.response.status_code")).isEqualTo(200);
        List<Span> attempts = spans.stream()
                .map(OtlpReceiver.Received::span)
                .filter(span -> span.getKind() == Span.SpanKind.SPAN_KIND_CLIENT
                        && hex(span.getTraceId()).equals(VERIFY_TRACE))
                .toList();
        assertThat(attempts)
                .isNotEmpty()
                .allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId()));
    }

    @Test
    void noSecretIsExported() {
        assertThat(receiver.raw())
                .isNotEmpty()
                .doesNotContain(SandboxKeys.FULL)
                .doesNotContain(SandboxKeys.FULL.substring(SandboxKeys.FULL.length() - 24))
                .doesNotContain(ObservedService.TOKEN)
                .doesNotContain("Bearer");
    }

    private String names() {
        return spans.stream()
                .map(r -> r.span().getKind() + " " + r.span().getName() + " "
                        + hex(r.span().getTraceId()))
                .toList()
                .toString();
    }

    private static List<String> attributes(Span span) {
        return span.getAttributesList().stream().map(KeyValue::getKey).toList();
    }

    private static Optional<KeyValue> attribute(Span span, String key) {
        return span.getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key))
                .findFirst();
    }

    private static String string(Span span, String key) {
        return attribute(span, key).map(kv -> kv.getValue().getStringValue()).orElse(null);
    }

    private static long number(Span span, String key) {
        return attribute(span, key).map(kv -> kv.getValue().getIntValue()).orElse(-1L);
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
