package dev.fieldsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsReaderTest {

    static FieldsyncSettings read(Map<String, String> properties) {
        return SettingsReader.of(properties).read();
    }

    static Map<String, String> minimal() {
        Map<String, String> properties = new HashMap<>();
        properties.put("fieldsync.gateway.base-url", "https://gateway.example");
        return properties;
    }

    @Test
    void defaultsFollowTheArchitecture() {
        FieldsyncSettings settings = read(minimal());
        assertThat(settings.budget().ratePerMinute()).isEqualTo(38);
        assertThat(settings.budget().backgroundReserve()).isEqualTo(4);
        assertThat(settings.sync().overlap()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.sync().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.integration().value()).isEqualTo("default");
        assertThat(settings.webhooks().secrets()).isEmpty();
        assertThat(settings.api().tokens()).isEmpty();
    }

    @Test
    void gatewayTimeoutsAndTheRefusalLogIntervalHaveDefaultsAndAreChecked() {
        FieldsyncSettings defaults = read(minimal());
        assertThat(defaults.gateway().attemptTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.gateway().deadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.webhooks().refusalLogInterval()).isEqualTo(Duration.ofMinutes(1));

        Map<String, String> properties = minimal();
        properties.put("fieldsync.gateway.deadline", "15s");
        properties.put("fieldsync.gateway.attempt-timeout", "3s");
        properties.put("fieldsync.webhook.refusal-log-interval", "10m");
        FieldsyncSettings set = read(properties);
        assertThat(set.gateway().deadline()).isEqualTo(Duration.ofSeconds(15));
        assertThat(set.gateway().attemptTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(set.webhooks().refusalLogInterval()).isEqualTo(Duration.ofMinutes(10));

        properties.put("fieldsync.gateway.deadline", "0s");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.gateway.deadline must be longer than zero");
    }

    @Test
    void leaseTimingHasDefaultsAndATtlBelowTwoIntervalsIsRefused() {
        FieldsyncSettings defaults = read(minimal());
        assertThat(defaults.instance().leases().heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.instance().leases().ttl()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.instance().leases().leadFor()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.instance().leases().failoverBound()).isEqualTo(Duration.ofSeconds(20));

        Map<String, String> properties = minimal();
        properties.put("fieldsync.leases.heartbeat-interval", "2s");
        assertThat(read(properties).instance().leases().ttl())
                .as("three intervals")
                .isEqualTo(Duration.ofSeconds(6));
        properties.put("fieldsync.leases.ttl", "3s");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.leases.ttl is 3s, shorter than two heartbeat intervals (4s)")
                .hasMessageContaining("set it to at least twice fieldsync.leases.heartbeat-interval");
        properties.put("fieldsync.leases.heartbeat-interval", "0s");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.leases.heartbeat-interval must be longer than zero");
    }

    @Test
    void theSharedSchedulerHasDefaultsAndRefusesOutOfRangeValues() {
        InstanceSettings.Scheduler defaults = read(minimal()).instance().scheduler();
        assertThat(defaults).isEqualTo(InstanceSettings.Scheduler.defaults());
        assertThat(defaults.threads()).isEqualTo(4);
        assertThat(defaults.passThreads()).isEqualTo(16);
        assertThat(defaults.idleMaxDelay()).isEqualTo(Duration.ofSeconds(5));

        Map<String, String> properties = minimal();
        properties.put("fieldsync.scheduler.threads", "2");
        properties.put("fieldsync.scheduler.pass-threads", "12");
        properties.put("fieldsync.scheduler.idle-max-delay", "30s");
        assertThat(read(properties).instance().scheduler())
                .isEqualTo(new InstanceSettings.Scheduler(2, 12, Duration.ofSeconds(30)));
        properties.put("fieldsync.scheduler.pass-threads", "0");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.scheduler.pass-threads is 0, outside 1-256");
        properties.put("fieldsync.scheduler.pass-threads", "8");
        properties.put("fieldsync.scheduler.idle-max-delay", "0s");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.scheduler.idle-max-delay must be longer than zero");
    }

    @Test
    void aClaimLeaseNotLongerThanAGatewayCallIsRefused() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.gateway.deadline", "30s");
        properties.put("fieldsync.dispatch.claim-lease", "30s");
        assertThatThrownBy(() -> read(properties))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("fieldsync.dispatch.claim-lease")
                .hasMessageContaining("could be sent again")
                .hasMessageContaining("set it above the deadline");
        properties.put("fieldsync.dispatch.claim-lease", "31s");
        assertThat(read(properties).dispatch().claimLease()).isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void aMissingGatewayUrlNamesThePropertyAndTheFix() {
        assertThatThrownBy(() -> read(new HashMap<>()))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith(
                        "configuration: fieldsync.gateway.base-url is not set; set FIELDSYNC_GATEWAY_URL");
    }

    @Test
    void plainHttpIsRefusedExceptOnLoopbackOrWhenAllowed() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.gateway.base-url", "http://gateway.example");
        assertThatThrownBy(() -> read(properties)).hasMessageContaining("allow-plain-http");
        properties.put("fieldsync.gateway.base-url", "http://127.0.0.1:8081");
        assertThat(read(properties).gateway().baseUrl().getPort()).isEqualTo(8081);
    }

    @Test
    void malformedValuesAreNamed() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.sync.interval", "often");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.sync.interval is 'often', not a duration");
        properties.remove("fieldsync.sync.interval");
        properties.put("fieldsync.budget.burst", "10");
        properties.put("fieldsync.budget.background-reserve", "10");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.budget.background-reserve is 10 but must be below");
        properties.put("fieldsync.budget.background-reserve", "2");
        properties.put("fieldsync.api.token", "short");
        assertThatThrownBy(() -> read(properties))
                .hasMessageContaining("fieldsync.api.token is 5 characters")
                .hasMessageNotContaining("short;");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(PropertyValues.parseDuration("p", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(PropertyValues.parseDuration("p", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(PropertyValues.parseDuration("p", "PT5M")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aServiceNeedsAToken() {
        FieldsyncSettings settings = read(minimal());
        assertThatThrownBy(() -> settings.api().requireCredentials())
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageContaining("fieldsync.api.token is not set; set FIELDSYNC_API_TOKEN");
    }

    @Test
    void secretsNeverShowInToString() {
        Map<String, String> properties = minimal();
        properties.put("fieldsync.webhook.secret", "whsec-very-secret");
        properties.put("fieldsync.api.token", "token-0123456789abcdef");
        properties.put("fieldsync.key.value", "fi_pk_live_secretsecret");
        String text = read(properties).toString();
        assertThat(text).doesNotContain("whsec-very-secret", "token-0123456789abcdef", "fi_pk_live_secretsecret");
    }
}
