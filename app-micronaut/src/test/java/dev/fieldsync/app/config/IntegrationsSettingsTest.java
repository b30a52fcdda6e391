package dev.fieldsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.domain.integration.IntegrationOrigin;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code fieldsync.integrations.<id>.*}: read into the registry's integrations, every mistake named at once. */
class IntegrationsSettingsTest {
    private static Map<String, String> base() {
        Map<String, String> properties = new HashMap<>();
        properties.put("fieldsync.gateway.base-url", "https://gw.example.com");
        properties.put("fieldsync.key.value", "fi_pk_live_x");
        return properties;
    }

    @Test
    void declaredIntegrationsAreReadWithTheirDefaults() {
        Map<String, String> properties = base();
        properties.put("fieldsync.integrations.acme.gateway-url", "https://acme.example");
        properties.put("fieldsync.integrations.acme.key", "env:ACME_KEY");
        properties.put("fieldsync.integrations.acme.next-key", "file:/run/secrets/acme-next");
        properties.put("fieldsync.integrations.acme.webhook-secrets", "env:ACME_HOOK, file:/run/secrets/hook2");
        properties.put("fieldsync.integrations.acme.sync-interval", "2m");
        properties.put("fieldsync.integrations.acme.budget.rate-per-minute", "20");
        properties.put("fieldsync.integrations.beta.gateway-url", "https://beta.example");
        properties.put("fieldsync.integrations.beta.key", "file:/run/secrets/beta");
        properties.put("fieldsync.integrations.beta.enabled", "false");

        List<Integration> integrations = SettingsReader.of(properties).read().integrations();

        assertThat(integrations).extracting(i -> i.id().value()).containsExactly("acme", "beta");
        Integration acme = integrations.get(0);
        assertThat(acme.key()).hasToString("env:ACME_KEY");
        assertThat(acme.nextKey())
                .hasValueSatisfying(next -> assertThat(next).hasToString("file:/run/secrets/acme-next"));
        assertThat(acme.webhookSecrets()).hasSize(2);
        assertThat(acme.syncInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(acme.budget().ratePerMinute()).isEqualTo(20);
        assertThat(acme.budget().burst()).isEqualTo(20);
        assertThat(acme.origin()).isEqualTo(IntegrationOrigin.CONFIGURATION);
        assertThat(integrations.get(1).enabled()).isFalse();
        assertThat(SettingsReader.of(base()).read().integrations()).isEmpty();
    }

    @Test
    void everyProblemOfEveryIntegrationIsOneLineNamingItsPropertyAndNoSecretIsRepeated() {
        Map<String, String> properties = base();
        properties.put("fieldsync.integrations.acme.gateway-url", "http://acme.example");
        properties.put("fieldsync.integrations.acme.key", "fi_pk_live_inTheClear0000000000");
        properties.put("fieldsync.integrations.acme.budget.burst", "many");
        properties.put("fieldsync.integrations.beta.sync-interval", "sometimes");
        properties.put("fieldsync.integrations.beta.budget.background-reserve", "90");
        properties.put("fieldsync.integrations.default.key", "env:X");

        assertThatThrownBy(() -> SettingsReader.of(properties).read())
                .isInstanceOf(ConfigurationProblem.class)
                .satisfies(problem -> {
                    String message = problem.getMessage();
                    assertThat(message.lines()).hasSize(8);
                    assertThat(message)
                            .contains(
                                    "fieldsync.integrations.acme.budget.burst is not a whole number",
                                    "fieldsync.integrations.acme.gateway-url is wrong: gateway_url uses plain http",
                                    "fieldsync.integrations.acme.key is wrong:",
                                    "fieldsync.integrations.beta.gateway-url is wrong: gateway_url is required",
                                    "fieldsync.integrations.beta.key is wrong: key is required",
                                    "fieldsync.integrations.beta.sync-interval is wrong",
                                    "fieldsync.integrations.beta.budget.background-reserve is wrong",
                                    "fieldsync.integrations.default is this service's own integration")
                            .doesNotContain("inTheClear");
                });
    }
}
