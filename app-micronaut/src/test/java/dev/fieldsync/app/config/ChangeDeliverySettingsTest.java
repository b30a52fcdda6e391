package dev.fieldsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.change.ChangeKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The push settings: endpoints and broker sinks by name, secrets by reference, every problem named at once. */
class ChangeDeliverySettingsTest {
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    /** The push settings of these properties, {@code env:} references read from {@code environment}. */
    private static ChangeDeliverySettings read(Map<String, String> properties, Map<String, String> environment) {
        return new ChangeDeliverySettingsReader(
                        new PropertyValues(
                                name -> Optional.ofNullable(properties.get(name)),
                                prefix -> properties.keySet().stream()
                                        .filter(key -> key.startsWith(prefix + "."))
                                        .map(key -> key.substring(prefix.length() + 1)
                                                .split("\\.", 2)[0])
                                        .toList()),
                        name -> Optional.ofNullable(environment.get(name)))
                .read();
    }

    @Test
    void theServiceReadsThemWithTheOtherSettings() {
        FieldsyncSettings settings = SettingsReader.of(Map.of(
                        "fieldsync.gateway.base-url", "https://gw.example.com",
                        "fieldsync.key.value", "fi_pk_live_x",
                        "fieldsync.changes.rabbitmq.events.uri", "amqp://127.0.0.1/",
                        "fieldsync.changes.rabbitmq.events.exchange", "fieldsync"))
                .read();
        assertThat(settings.changeDelivery().brokers())
                .extracting(ChangeDeliverySettings.Broker::name)
                .containsExactly("events");
    }

    @Test
    void noConsumerByDefaultAndTheDocumentedDefaults() {
        ChangeDeliverySettings delivery = read(Map.of(), Map.of());
        assertThat(delivery.endpoints()).isEmpty();
        assertThat(delivery.brokers()).isEmpty();
        assertThat(delivery.policy().retries()).hasToString("10s,1m,5m,30m,2h,6h");
        assertThat(delivery.policy().pauseAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(delivery.maxLag()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anEndpointAndABrokerWithSecretsFromTheEnvironmentAndAFile(@TempDir Path dir) throws Exception {
        Path next = Files.writeString(dir.resolve("next"), SECRET + "\n");
        ChangeDeliverySettings settings = read(
                Map.of(
                        "fieldsync.changes.endpoints.erp.url", "https://erp.example.com/hooks",
                        "fieldsync.changes.endpoints.erp.secret", "env:ERP_SECRET",
                        "fieldsync.changes.endpoints.erp.next-secret", "file:" + next,
                        "fieldsync.changes.endpoints.erp.kinds", "job.created, job.state_changed",
                        "fieldsync.changes.endpoints.erp.timeout", "3s",
                        "fieldsync.changes.rabbitmq.events.uri", "env:AMQP_URI",
                        "fieldsync.changes.rabbitmq.events.exchange", "fieldsync",
                        "fieldsync.changes.delivery.retry-schedule", "1s,2s"),
                Map.of("ERP_SECRET", SECRET, "AMQP_URI", "amqp://feed:s3cr3t-pw@mq.example.com:5673/prod"));
        ChangeDeliverySettings.Endpoint erp = settings.endpoints().get(0);
        assertThat(erp.name()).isEqualTo("erp");
        assertThat(erp.secrets()).hasSize(2);
        assertThat(erp.kinds()).containsExactlyInAnyOrder(ChangeKind.JOB_CREATED, ChangeKind.JOB_STATE_CHANGED);
        assertThat(erp.timeout()).isEqualTo(Duration.ofSeconds(3));
        ChangeDeliverySettings.Broker events = settings.brokers().get(0);
        assertThat(events.settings().host()).isEqualTo("mq.example.com");
        assertThat(events.settings().port()).isEqualTo(5673);
        assertThat(events.settings().virtualHost()).isEqualTo("prod");
        assertThat(events.settings().routingKeyFor("job.changed")).isEqualTo("fieldsync.job.changed");
        assertThat(settings.policy().retries().maxAttempts()).isEqualTo(3);
        assertThat(settings.toString()).doesNotContain(SECRET.substring(6), "s3cr3t-pw");
    }

    @Test
    void everyProblemIsNamedAtOnceWithItsFixAndNoSecret() {
        assertThatThrownBy(() -> read(
                        Map.of(
                                "fieldsync.changes.endpoints.erp.url", "ftp://erp.example.com",
                                "fieldsync.changes.endpoints.erp.secret", SECRET,
                                "fieldsync.changes.endpoints.erp.kinds", "job.deleted",
                                "fieldsync.changes.endpoints.Bad_Name.url", "https://x.example.com",
                                "fieldsync.changes.endpoints.ops.url", "https://ops.example.com",
                                "fieldsync.changes.endpoints.ops.secret", "env:MISSING",
                                "fieldsync.changes.rabbitmq.events.uri", "amqp://u:pw@mq.example.com/",
                                "fieldsync.changes.delivery.retry-schedule", "10x"),
                        Map.of()))
                .isInstanceOf(ConfigurationProblem.class)
                .satisfies(problem -> {
                    String message = problem.getMessage();
                    assertThat(message.lines()).hasSize(8).allMatch(line -> line.startsWith("configuration: "));
                    assertThat(message)
                            .contains(
                                    "fieldsync.changes.delivery.retry-schedule is not a retry schedule",
                                    "fieldsync.changes.endpoints.Bad_Name has the name 'Bad_Name'",
                                    "fieldsync.changes.endpoints.erp.url is 'ftp://erp.example.com'",
                                    "fieldsync.changes.endpoints.erp.secret is not a reference; reference it as env:",
                                    "fieldsync.changes.endpoints.erp.kinds names 'job.deleted'",
                                    "fieldsync.changes.endpoints.ops.secret names the environment variable MISSING",
                                    "fieldsync.changes.rabbitmq.events.uri carries a password in the setting itself",
                                    "fieldsync.changes.rabbitmq.events.exchange is not set")
                            .doesNotContain(SECRET.substring(6), ":pw@");
                });
    }

    @Test
    void aConsumerServesTheListedIntegrationsOrAllOfThemAndAMalformedIdIsNamed() {
        ChangeDeliverySettings settings = read(
                Map.of(
                        "fieldsync.changes.endpoints.erp.url", "https://erp.example.com/hooks",
                        "fieldsync.changes.endpoints.erp.secret", "env:ERP_SECRET",
                        "fieldsync.changes.endpoints.erp.integrations", "acme, globex",
                        "fieldsync.changes.endpoints.ops.url", "https://ops.example.com/hooks",
                        "fieldsync.changes.endpoints.ops.secret", "env:ERP_SECRET"),
                Map.of("ERP_SECRET", SECRET));
        assertThat(settings.endpoints().get(0).integrations())
                .extracting(dev.fieldsync.domain.id.IntegrationId::value)
                .containsExactlyInAnyOrder("acme", "globex");
        assertThat(settings.endpoints().get(1).integrations())
                .as("left out: every served integration")
                .isEmpty();
        assertThat(settings.threads()).as("the delivery threads' default").isEqualTo(2);

        assertThatThrownBy(() -> read(
                        Map.of(
                                "fieldsync.changes.endpoints.erp.url", "https://erp.example.com/hooks",
                                "fieldsync.changes.endpoints.erp.secret", "env:ERP_SECRET",
                                "fieldsync.changes.endpoints.erp.integrations", "acme,Not An Id",
                                "fieldsync.changes.delivery.threads", "0"),
                        Map.of("ERP_SECRET", SECRET)))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining(
                        "fieldsync.changes.endpoints.erp.integrations names 'Not An Id', which is not an integration id")
                .hasMessageContaining("fieldsync.changes.delivery.threads");
    }
}
