package dev.fieldsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.change.ChangeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push settings in their environment-variable form ({@code FIELDSYNC_CHANGES_ENDPOINTS_ERP_URL}), read as the
 * service reads them: through a Micronaut environment whose property source has the environment-variable convention
 * (what Micronaut's own source of {@code System.getenv()} has) and the two functions {@code CoreFactory} hands to
 * {@link SettingsReader}. A one-word consumer name works; a name with a '-' cannot be told from the setting's name
 * there, and start-up says so instead of naming settings nobody wrote.
 */
class ChangeDeliveryEnvironmentVariablesTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static FieldsyncSettings read(Map<String, String> variables) {
        return EnvironmentSettings.read(variables);
    }

    @Test
    void anEndpointABrokerAndTheDeliverySettingsFromEnvironmentVariables(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("erp"), SECRET + "\n");
        ChangeDeliverySettings delivery = read(Map.of(
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_URL", "https://erp.example.com/hooks",
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_SECRET", "file:" + secret,
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_NEXT_SECRET", "file:" + secret,
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_KINDS", "job.created,job.state_changed",
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_TIMEOUT", "300ms",
                        "FIELDSYNC_CHANGES_RABBITMQ_EVENTS_URI", "amqp://127.0.0.1:5672/",
                        "FIELDSYNC_CHANGES_RABBITMQ_EVENTS_EXCHANGE", "fieldsync",
                        "FIELDSYNC_CHANGES_RABBITMQ_EVENTS_ROUTING_KEY", "feed.{kind}",
                        "FIELDSYNC_DELIVERY_RETRY_SCHEDULE", "1s,2s",
                        "FIELDSYNC_DELIVERY_PAUSE_AFTER", "2h"))
                .changeDelivery();
        assertThat(delivery.endpoints()).hasSize(1);
        ChangeDeliverySettings.Endpoint erp = delivery.endpoints().get(0);
        assertThat(erp.name()).isEqualTo("erp");
        assertThat(erp.url()).hasToString("https://erp.example.com/hooks");
        assertThat(erp.secrets()).hasSize(2); // next-secret is not taken for a consumer named "erp-next"
        assertThat(erp.kinds()).containsExactlyInAnyOrder(ChangeKind.JOB_CREATED, ChangeKind.JOB_STATE_CHANGED);
        assertThat(erp.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(delivery.brokers()).hasSize(1);
        ChangeDeliverySettings.Broker events = delivery.brokers().get(0);
        assertThat(events.name()).isEqualTo("events");
        assertThat(events.settings().routingKeyFor("job.changed")).isEqualTo("feed.job.changed");
        assertThat(delivery.policy().retries()).hasToString("1s,2s");
        assertThat(delivery.policy().pauseAfter()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void theSameSettingsAsPropertiesOrAsEnvironmentVariablesReadTheSame(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("erp"), SECRET + "\n");
        ChangeDeliverySettings.Endpoint fromVariables = read(Map.of(
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_URL",
                        "https://erp.example.com/hooks",
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_SECRET",
                        "file:" + secret))
                .changeDelivery()
                .endpoints()
                .get(0);
        ChangeDeliverySettings.Endpoint fromProperties = SettingsReader.of(Map.of(
                        "fieldsync.gateway.base-url", "https://gw.example.com",
                        "fieldsync.key.value", "fi_pk_live_x",
                        "fieldsync.changes.endpoints.erp.url", "https://erp.example.com/hooks",
                        "fieldsync.changes.endpoints.erp.secret", "file:" + secret))
                .read()
                .changeDelivery()
                .endpoints()
                .get(0);
        assertThat(fromVariables.name()).isEqualTo(fromProperties.name());
        assertThat(fromVariables.url()).isEqualTo(fromProperties.url());
        assertThat(fromVariables.timeout()).isEqualTo(fromProperties.timeout());
        assertThat(fromVariables.kinds()).isEqualTo(fromProperties.kinds());
    }

    @Test
    void aNameWithADashInEnvironmentVariablesIsRefusedWithWhatToDoInstead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("erp"), SECRET + "\n");
        assertThatThrownBy(() -> read(Map.of(
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_ORDERS_URL",
                        "https://erp.example.com/orders",
                        "FIELDSYNC_CHANGES_ENDPOINTS_ERP_ORDERS_SECRET",
                        "file:" + secret)))
                .isInstanceOf(ConfigurationProblem.class)
                .satisfies(problem -> assertThat(problem.getMessage().lines())
                        .singleElement()
                        .asString()
                        .contains(
                                "fieldsync.changes.endpoints.erp has neither .url nor .secret",
                                "FIELDSYNC_CHANGES_ENDPOINTS_ERP_<WORD>_URL",
                                "a name with '-' as a -D property or in application.yml"));
        assertThatThrownBy(() -> read(Map.of(
                        "FIELDSYNC_CHANGES_RABBITMQ_ORDER_EVENTS_URI", "amqp://127.0.0.1:5672/",
                        "FIELDSYNC_CHANGES_RABBITMQ_ORDER_EVENTS_EXCHANGE", "fieldsync")))
                .hasMessageContaining("fieldsync.changes.rabbitmq.order has neither .uri nor .exchange");
    }
}
