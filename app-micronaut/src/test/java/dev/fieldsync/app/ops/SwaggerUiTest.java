package dev.fieldsync.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 3: the service serves Swagger UI (Micronaut OpenAPI's generated view, its scripts from the jar, no
 * CDN) without a token, and headless Chromium renders every operation of the document from it. Chromium is Debian's
 * {@code chromium} package ({@code .ci/run} installs it when missing); without it the test fails, never skips.
 */
class SwaggerUiTest {

    @Test
    void headlessChromiumRendersEveryOperationFromTheServedSwaggerUi() throws Exception {
        try (ObservedService service = new ObservedService(10, Map.of("fieldsync.sync.enabled", false))) {
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(service.base + "/swagger-ui/index.html"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("served without a token").isEqualTo(200);

            Path profile = Files.createTempDirectory("fieldsync-chromium-");
            ExternalTool.Result dom = ExternalTool.run(
                    List.of(
                            chromium(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--no-first-run",
                            "--user-data-dir=" + profile,
                            "--virtual-time-budget=15000",
                            "--dump-dom",
                            service.base + "/swagger-ui/index.html"),
                    Path.of("."),
                    null,
                    Duration.ofMinutes(2));

            assertThat(dom.exitCode()).as(dom.output()).isZero();
            assertThat(dom.output())
                    .as("the rendered page: Swagger UI's operation blocks, one per operation")
                    .contains("swagger-ui", "opblock-summary-path")
                    .contains("/api/jobs", "/api/lookups", "/api/sync", "/api/verify", "/api/submissions")
                    .contains("/webhooks/fieldinsight");
            assertThat(dom.output().split("opblock-summary-path\"", -1)).hasSizeGreaterThanOrEqualTo(17);
            assertThat(dom.output()).doesNotContain(ObservedService.TOKEN);
        }
    }

    private static String chromium() {
        for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(name))) {
                return name;
            }
        }
        throw new AssertionError("chromium is not installed; Debian's package: apt-get install -y chromium "
                + "chromium-driver (bash .ci/run does this)");
    }
}
