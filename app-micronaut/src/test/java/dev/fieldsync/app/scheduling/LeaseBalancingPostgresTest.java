package dev.fieldsync.app.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationLeases;
import dev.fieldsync.application.LeaseBalancer;
import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leases for 30 integrations over 3 "instances" on one PostgreSQL (each its own pool, so its own connections), on a
 * virtual clock stepped a second at a time: at every step each integration has at most one holder and, once
 * settled, exactly one; the spread stays within max/min ≤ 2; killing an instance (it stops stepping) moves its
 * integrations within TTL + one interval; a joining instance gets its share as the others release their surplus.
 */
class LeaseBalancingPostgresTest {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration TTL = Duration.ofSeconds(3);
    static final List<IntegrationId> INTEGRATIONS = IntStream.rangeClosed(1, 30)
            .mapToObj(i -> IntegrationId.of(String.format("int-%02d", i)))
            .toList();

    final LeasesOnPostgres.VirtualClock clock = new LeasesOnPostgres.VirtualClock();
    final Map<String, LeaseBalancer> live = new HashMap<>();
    LeasesOnPostgres database;
    SqlIntegrationLeases oracle;

    @BeforeEach
    void schema() throws Exception {
        database = new LeasesOnPostgres();
    }

    @AfterEach
    void drop() throws Exception {
        database.close();
    }

    private SqlIntegrationLeases pool() {
        return database.instance().bean(SqlIntegrationLeases.class);
    }

    private void start(String instance) {
        live.put(instance, new LeaseBalancer(instance, pool(), () -> INTEGRATIONS, clock, TTL, 1));
    }

    /** Every live instance steps once (in a varying order), then the clock moves one interval; returns the holdings. */
    private Map<String, List<IntegrationId>> tick(int round) {
        List<String> order = new ArrayList<>(live.keySet());
        order.sort(null);
        java.util.Collections.rotate(order, round);
        Map<String, List<IntegrationId>> holdings = new HashMap<>();
        for (String instance : order) {
            holdings.put(instance, live.get(instance).step());
        }
        assertOneHolderEach(holdings);
        clock.advance(INTERVAL);
        return holdings;
    }

    /** No integration is held by two instances (as each sees its own leases in the table right now). */
    private void assertOneHolderEach(Map<String, List<IntegrationId>> holdings) {
        Set<IntegrationId> seen = new HashSet<>();
        for (String instance : List.of("a", "b", "c", "d")) { // the killed one too, until its leases expire
            for (IntegrationId held : oracle.held(instance, clock.instant())) {
                assertThat(seen.add(held)).as("%s held twice", held).isTrue();
            }
        }
        // What a step returns is held in the table; the table may hold a little more: what is being given up (kept
        // one more interval so the work on it stops first), never used.
        holdings.forEach((instance, held) ->
                assertThat(oracle.held(instance, clock.instant())).containsAll(held));
    }

    private static void assertSpread(Map<String, List<IntegrationId>> holdings, int instances) {
        assertThat(holdings).hasSize(instances);
        int total = holdings.values().stream().mapToInt(List::size).sum();
        int max = holdings.values().stream().mapToInt(List::size).max().orElseThrow();
        int min = holdings.values().stream().mapToInt(List::size).min().orElseThrow();
        assertThat(total).as("every integration has a holder").isEqualTo(INTEGRATIONS.size());
        assertThat(min).isPositive();
        assertThat((double) max / min).as("max/min of %s", holdings).isLessThanOrEqualTo(2.0);
    }

    @Test
    void thirtyIntegrationsOverThreeInstancesOneHolderEachEvenSpreadAndAKilledInstancesMoveWithinTheBound() {
        oracle = pool();
        start("a");
        start("b");
        start("c");
        Map<String, List<IntegrationId>> holdings = Map.of();
        for (int round = 0; round < 5; round++) {
            holdings = tick(round);
        }
        assertSpread(holdings, 3);
        System.out.println("LEASES start " + sizes(holdings));

        List<IntegrationId> orphans = holdings.get("c");
        live.remove("c"); // killed: it neither heartbeats nor renews, nor releases
        Instant killedAt = clock.instant();
        Duration bound = TTL.plus(INTERVAL);
        Instant movedAt = null;
        for (int round = 0; round < 10 && movedAt == null; round++) {
            holdings = tick(round);
            Set<IntegrationId> taken = new HashSet<>();
            holdings.values().forEach(taken::addAll);
            if (taken.containsAll(orphans)) {
                movedAt = clock.instant().minus(INTERVAL);
            }
        }
        assertThat(movedAt).as("the killed instance's integrations moved").isNotNull();
        assertThat(Duration.between(killedAt, movedAt)).isLessThanOrEqualTo(bound);
        System.out.println("LEASES moved after " + Duration.between(killedAt, movedAt) + " (bound " + bound + ")");
        for (int round = 0; round < 3; round++) {
            holdings = tick(round);
        }
        assertSpread(holdings, 2);
        System.out.println("LEASES after kill " + sizes(holdings));

        start("d"); // joins: the others release their surplus, it takes its share
        for (int round = 0; round < 5; round++) {
            holdings = tick(round);
        }
        assertSpread(holdings, 3);
        assertThat(holdings.get("d")).hasSizeGreaterThanOrEqualTo(8);
        System.out.println("LEASES after join " + sizes(holdings));
    }

    private static Map<String, Integer> sizes(Map<String, List<IntegrationId>> holdings) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        holdings.forEach((instance, held) -> out.put(instance, held.size()));
        return out;
    }
}
