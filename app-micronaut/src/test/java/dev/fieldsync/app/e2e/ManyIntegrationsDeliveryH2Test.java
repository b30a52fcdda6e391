package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.app.logging.IntegrationJsonProvider;
import dev.fieldsync.sandbox.SandboxKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change delivery for several integrations on H2 (the one process delivers every pair). */
class ManyIntegrationsDeliveryH2Test extends ManyIntegrationsDeliveryEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @Test
    void aConsumerNamingAnIntegrationNobodyKnowsStopsStartUpWithTheKnownOnes(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("erp.secret"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.integration-id", "acme");
        properties.put("fieldsync.gateway.base-url", "http://127.0.0.1:9");
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", TOKEN);
        properties.put("fieldsync.sync.enabled", false);
        properties.put("fieldsync.changes.endpoints.erp.url", "http://127.0.0.1:9/hooks");
        properties.put("fieldsync.changes.endpoints.erp.secret", "file:" + secret);
        properties.put("fieldsync.changes.endpoints.erp.integrations", "acme,globx");
        assertThatThrownBy(() -> Contexts.server(properties).close())
                .satisfies(failure -> assertThat(ConfigurationProblem.in(failure))
                        .hasValueSatisfying(problem -> assertThat(problem.getMessage())
                                .contains("fieldsync.changes.endpoints.erp.integrations names 'globx', which is not"
                                        + " an integration of this service")
                                .contains("acme")
                                .doesNotContain("MfKQ9r8")));
    }

    /**
     * Each line says once, in the JSON format, which integration's work wrote it: beta's pass on beta's threads says
     * beta, the default integration's says its id (before: every line said the default's). The gateway's call lines
     * name theirs through the runtime's {@code MdcLogFields} ({@code MdcLogFieldsTest}).
     */
    @Test
    void eachIntegrationsLogLinesNameItOnceInTheJsonFormat() throws Exception {
        ServiceEndToEndTest.poll(Duration.ofSeconds(60), "both first passes logged", () -> {
            boolean beta = passLogged("fieldsync-sync-beta-");
            boolean own = passLogged("fieldsync-sync-" + defaultIntegration.value() + "-");
            return beta && own ? true : null;
        });
        LogstashEncoder encoder = new LogstashEncoder(); // as logback.xml's json appender
        encoder.setContext(root().getLoggerContext());
        encoder.setIncludeContext(false);
        encoder.addExcludeMdcKeyName("integration");
        encoder.addProvider(new IntegrationJsonProvider());
        encoder.start();
        ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        List<JsonNode> lines = new ArrayList<>();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            if (event.getLoggerName().startsWith("dev.fieldsync.")) {
                lines.add(strict.readTree(encoder.encode(event))); // a second "integration" member fails here
            }
        }
        encoder.stop();

        assertThat(lines)
                .filteredOn(line -> line.path("thread_name").asText().startsWith("fieldsync-sync-beta-"))
                .isNotEmpty()
                .allSatisfy(
                        line -> assertThat(line.path("integration").asText()).isEqualTo("beta"))
                .anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("sync pass completed"));
        assertThat(lines)
                .filteredOn(line -> line.path("thread_name")
                        .asText()
                        .startsWith("fieldsync-sync-" + defaultIntegration.value() + "-"))
                .isNotEmpty()
                .allSatisfy(
                        line -> assertThat(line.path("integration").asText()).isEqualTo(defaultIntegration.value()));
    }

    private boolean passLogged(String threadPrefix) {
        return List.copyOf(logs.list).stream()
                .anyMatch(event -> event.getThreadName().startsWith(threadPrefix)
                        && event.getFormattedMessage().startsWith("sync pass completed"));
    }
}
