package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.config.ConfigurationProblem;
import dev.fieldsync.sandbox.SandboxKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
}
