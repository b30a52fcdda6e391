package dev.fieldsync.benchmarks.jmh;

import dev.fieldsync.adapters.vertx.wire.JobWire;
import dev.fieldsync.adapters.vertx.wire.WireObject;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding one full page (100 jobs) of {@code GET /v1/jobs} with the Vert.x adapter's wire mapping
 * ({@code JobWire.page(WireObject.parse(buffer))}), the per-page CPU cost of every sync. The page is a real
 * answer of the sandbox, fetched once at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PageDecodingBenchmarks {
    private Buffer page;

    @Setup
    public void fetchPage() throws Exception {
        try (GatewaySandbox sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(42)
                .jobs(1_000)
                .rateLimited(false)
                .port(0))) {
            HttpResponse<byte[]> response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/v1/jobs?state=all&page_size=100"))
                                    .header("Authorization", "Bearer " + SandboxKeys.FULL)
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("sandbox answered " + response.statusCode());
            }
            page = Buffer.buffer(response.body());
        }
        JobPage decoded = decodePage();
        if (decoded.jobs().size() != 100) {
            throw new IllegalStateException(
                    "expected a full page, decoded " + decoded.jobs().size() + " jobs");
        }
    }

    /** Bytes to domain jobs: JSON parse plus mapping and validation of every member. */
    @Benchmark
    public JobPage decodePage() {
        return JobWire.page(WireObject.parse(page));
    }

    /** The JSON parse alone (Vert.x/Jackson into a JsonObject), to separate parsing from mapping. */
    @Benchmark
    public WireObject parseOnly() {
        return WireObject.parse(page);
    }
}
