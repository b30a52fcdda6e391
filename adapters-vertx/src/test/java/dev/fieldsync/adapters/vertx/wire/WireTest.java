package dev.fieldsync.adapters.vertx.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.problem.GatewayProblem;
import dev.fieldsync.domain.problem.ProblemCode;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void aProblemWithoutTheHeaderTakesItsRequestIdFromInstance() {
        Buffer body =
                Buffer.buffer("{\"type\":\"https://gateway/errors/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"instance\":\"req_01HX9CK3T6JZ2N8H6K7G5W2BFA\"}");

        GatewayProblem problem = ProblemWire.read(body, 404, Optional.empty(), Optional.of("ours"))
                .orElseThrow();

        assertThat(problem.code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(problem.gatewayRequestId()).contains("req_01HX9CK3T6JZ2N8H6K7G5W2BFA");
        assertThat(problem.clientRequestId()).contains("ours");
    }

    @Test
    void somethingWithoutAStringTypeIsNotAProblemDocument() {
        assertThat(ProblemWire.read(Buffer.buffer("{\"error\":\"x\"}"), 500, Optional.empty(), Optional.empty()))
                .isEmpty();
        assertThat(ProblemWire.read(Buffer.buffer("{\"type\":7}"), 500, Optional.empty(), Optional.empty()))
                .isEmpty();
        assertThat(ProblemWire.read(Buffer.buffer("<html>"), 502, Optional.empty(), Optional.empty()))
                .isEmpty();
        assertThat(ProblemWire.read(Buffer.buffer(""), 502, Optional.empty(), Optional.empty()))
                .isEmpty();
    }

    @Test
    void snippetsAreBoundedAndFreeOfControlCharacters() {
        String snippet =
                ProblemWire.snippet(Buffer.buffer("\u0000<h1>\r\n\tBad\u001b[31m gateway</h1>" + "y".repeat(500)), 40);
        assertThat(snippet)
                .hasSize(40)
                .startsWith("<h1> Bad [31m gateway</h1>")
                .doesNotContain("\u0000", "\r", "\n", "\t", "\u001b");
    }

    @Test
    void parseSeparatesMalformedFromWrongShape() {
        assertThatThrownBy(() -> WireObject.parse(Buffer.buffer("{\"a\":")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, v -> assertThat(v.isMalformed()).isTrue());
        assertThatThrownBy(() -> WireObject.parse(Buffer.buffer("{} trailing")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, v -> assertThat(v.isMalformed()).isTrue());
        assertThatThrownBy(() -> WireObject.parse(Buffer.buffer("[]")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class, v -> assertThat(v.isMalformed()).isFalse());
        assertThatThrownBy(() -> JobWire.created(WireObject.parse(Buffer.buffer("{\"id\":\"12a\"}"))))
                .isInstanceOf(SchemaViolation.class)
                .hasMessageContaining("$.id");
    }

    @Test
    void timesGoOnTheWireInTheirDocumentedForms() {
        assertThat(WireTimes.utc(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(WireTimes.withOffset(OffsetDateTime.parse("2026-07-01T09:00+10:00")))
                .isEqualTo("2026-07-01T09:00:00+10:00");
    }
}
