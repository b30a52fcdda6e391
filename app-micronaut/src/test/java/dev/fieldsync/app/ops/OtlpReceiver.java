package dev.fieldsync.app.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A local OTLP/HTTP traces endpoint: accepts protobuf exports on {@code /v1/traces} and keeps them. */
final class OtlpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<ExportTraceServiceRequest> exports = new CopyOnWriteArrayList<>();
    private final StringBuffer raw = new StringBuffer();
    /** What went wrong while receiving (a test asserts there is nothing). */
    final List<String> errors = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            accept(exchange);
        } catch (IOException | RuntimeException | Error e) {
            errors.add(e.toString());
            throw e;
        }
    }

    private void accept(HttpExchange exchange) throws IOException {
        {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"application/x-protobuf"
                            .equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                exchange.sendResponseHeaders(415, -1);
                return;
            }
            exports.add(ExportTraceServiceRequest.parseFrom(body));
            raw.append(new String(body, StandardCharsets.ISO_8859_1));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** Every span received, with the resource it came from. */
    record Received(ResourceSpans resource, Span span) {}

    List<Received> spans() {
        List<Received> all = new ArrayList<>();
        for (ExportTraceServiceRequest export : exports) {
            for (ResourceSpans resource : export.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> all.add(new Received(resource, span)));
                }
            }
        }
        return all;
    }

    /** Everything received, as bytes read as Latin-1 text (for "no secret anywhere" checks). */
    String raw() {
        return raw.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
