package dev.fieldsync.app.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationLeases;
import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.SettingsReader;
import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's lease keepers ({@link LeaseKeeper}, as {@link LeaseSyncLeaderships} reads them) on one PostgreSQL,
 * each "instance" with its own pool, on a virtual clock: sampled every 100 ms, no integration is ever led by two
 * instances, and whoever leads holds an unexpired lease in the table (the oracle). A holder cut off from the
 * database stops leading one interval before its leases expire and the other takes them within TTL + one interval;
 * a lease given up for balance is given up only one interval after its holder stopped leading it.
 */
class LeaseKeeperFencingPostgresTest {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration TTL = Duration.ofSeconds(3);
    static final Duration SAMPLE = Duration.ofMillis(100);

    final LeasesOnPostgres.VirtualClock clock = new LeasesOnPostgres.VirtualClock();
    final Map<String, LeaseKeeper> keepers = new LinkedHashMap<>();
    final Map<String, LeasesOnPostgres.Instance> instances = new HashMap<>();
    LeasesOnPostgres database;
    SqlIntegrationLeases oracle;
    List<IntegrationId> integrations;

    @BeforeEach
    void schema() throws Exception {
        database = new LeasesOnPostgres();
        oracle = database.instance().bean(SqlIntegrationLeases.class);
    }

    @AfterEach
    void drop() throws Exception {
        database.close();
    }

    /** The settings' integration {@code int-1} and {@code count - 1} more declared in the configuration. */
    private static FieldsyncSettings settings(String instance, int count) {
        Map<String, String> properties = new HashMap<>();
        properties.put("fieldsync.gateway.base-url", "https://gateway.example");
        properties.put("fieldsync.key.value", "fi_pk_test_x");
        properties.put("fieldsync.integration-id", "int-1");
        properties.put("fieldsync.instance-id", instance);
        properties.put("fieldsync.leases.heartbeat-interval", "1s");
        properties.put("fieldsync.leases.ttl", "3s");
        for (int i = 2; i <= count; i++) {
            properties.put("fieldsync.integrations.int-" + i + ".gateway-url", "https://gateway.example");
            properties.put("fieldsync.integrations.int-" + i + ".key", "env:INT_" + i + "_KEY");
        }
        return SettingsReader.of(properties).read();
    }

    private LeaseKeeper keeper(String name, int count) {
        LeasesOnPostgres.Instance instance = database.instance();
        instances.put(name, instance);
        FieldsyncSettings settings = settings(name, count);
        integrations = new ArrayList<>();
        integrations.add(settings.integration());
        settings.integrations().forEach(integration -> integrations.add(integration.id()));
        LeaseKeeper keeper = new LeaseKeeper(
                settings,
                true,
                instance.bean(SqlIntegrationLeases.class),
                instance.bean(SqlIntegrationRegistry.class),
                clock);
        keepers.put(name, keeper);
        return keeper;
    }

    /** Who leads each integration now, as the keepers say; fails on two leaders or a leader without a lease. */
    private Map<IntegrationId, String> leaders() {
        Map<IntegrationId, String> holders = oracle.holders(clock.instant());
        Map<IntegrationId, String> leaders = new HashMap<>();
        for (IntegrationId integration : integrations) {
            for (Map.Entry<String, LeaseKeeper> keeper : keepers.entrySet()) {
                if (keeper.getValue().leads(integration)) {
                    String other = leaders.put(integration, keeper.getKey());
                    assertThat(other)
                            .as("%s led by %s and %s at %s", integration, other, keeper.getKey(), clock.instant())
                            .isNull();
                    assertThat(holders.get(integration))
                            .as("the lease table's holder of %s, led by %s", integration, keeper.getKey())
                            .isEqualTo(keeper.getKey());
                }
            }
        }
        return leaders;
    }

    /** The given keepers step (rotated by round), then one interval passes in samples; returns the samples. */
    private List<Map<IntegrationId, String>> round(int round, List<String> stepping) {
        List<String> order = new ArrayList<>(stepping);
        java.util.Collections.rotate(order, round);
        order.forEach(name -> keepers.get(name).step());
        List<Map<IntegrationId, String>> samples = new ArrayList<>();
        for (Duration passed = Duration.ZERO; passed.compareTo(INTERVAL) < 0; passed = passed.plus(SAMPLE)) {
            samples.add(leaders());
            clock.advance(SAMPLE);
        }
        return samples;
    }

    @Test
    void aHolderCutOffFromTheDatabaseStopsLeadingBeforeItsLeaseExpiresAndTheOtherTakesOverWithinTheBound() {
        keeper("a", 2);
        keeper("b", 2);
        keepers.get("a").step(); // a first: it takes both (its share and the slack)
        for (int round = 0; round < 3; round++) {
            List<Map<IntegrationId, String>> samples = round(round, List.of("a", "b"));
            assertThat(samples).allSatisfy(leaders -> assertThat(leaders).hasSize(2));
        }
        assertThat(leaders()).containsOnlyKeys(integrations).containsValues("a");

        Instant lastRenewal = clock.instant();
        round(0, List.of("a", "b")); // a's last good step
        instances.get("a").pool().close(); // a loses the database: its steps fail from now on
        Instant aStopped = null;
        Instant bLeads = null;
        for (int round = 1; round <= 6 && bLeads == null; round++) {
            Instant start = clock.instant();
            List<Map<IntegrationId, String>> samples = round(round, List.of("a", "b"));
            for (int i = 0; i < samples.size(); i++) {
                Instant at = start.plus(SAMPLE.multipliedBy(i));
                if (aStopped == null && !samples.get(i).containsValue("a")) {
                    aStopped = at;
                }
                if (bLeads == null
                        && samples.get(i).size() == 2
                        && !samples.get(i).containsValue("a")) {
                    bLeads = at;
                }
            }
        }
        System.out.println("FENCING a's last renewal " + lastRenewal + ", a stopped leading at " + aStopped
                + ", b leads from " + bLeads);
        assertThat(aStopped).as("a stopped leading").isNotNull();
        assertThat(bLeads).as("b took both over").isNotNull();
        assertThat(Duration.between(lastRenewal, aStopped))
                .as("a stops TTL - one interval after its last renewal")
                .isLessThanOrEqualTo(TTL.minus(INTERVAL));
        assertThat(Duration.between(aStopped, bLeads))
                .as("at least one interval between a's last and b's first moment")
                .isGreaterThanOrEqualTo(INTERVAL);
        assertThat(Duration.between(lastRenewal, bLeads))
                .as("taken over within TTL + one interval")
                .isLessThanOrEqualTo(TTL.plus(INTERVAL));
    }

    @Test
    void aLeaseGivenUpForBalanceIsReleasedOnlyAnIntervalAfterItsHolderStoppedLeadingIt() {
        keeper("a", 4);
        keepers.get("a").step(); // alone: a takes all four
        round(0, List.of("a"));
        assertThat(leaders()).hasSize(4).containsValues("a");

        keeper("b", 4); // joins
        Map<IntegrationId, Instant> aLast = new HashMap<>();
        Map<IntegrationId, Instant> bFirst = new HashMap<>();
        for (int round = 0; round < 6; round++) {
            Instant start = clock.instant();
            List<Map<IntegrationId, String>> samples = round(round, List.of("a", "b"));
            for (int i = 0; i < samples.size(); i++) {
                Instant at = start.plus(SAMPLE.multipliedBy(i));
                samples.get(i).forEach((integration, leader) -> {
                    if (leader.equals("a")) {
                        aLast.put(integration, at);
                    } else {
                        bFirst.putIfAbsent(integration, at);
                    }
                });
            }
        }
        Map<IntegrationId, String> settled = leaders();
        System.out.println("BALANCE after the join " + settled);
        assertThat(settled).hasSize(4);
        assertThat(settled.values().stream().filter("b"::equals).count())
                .as("b got its share")
                .isEqualTo(2);
        for (IntegrationId moved : bFirst.keySet()) {
            assertThat(Duration.between(aLast.get(moved), bFirst.get(moved)))
                    .as("%s: a led it last at %s, b first at %s", moved, aLast.get(moved), bFirst.get(moved))
                    .isGreaterThanOrEqualTo(INTERVAL);
        }
    }
}
