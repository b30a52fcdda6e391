package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.adapters.persistence.sql.Dialect;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.integration.IntegrationLeases;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * On PostgreSQL an integration's sync is led by the instance holding its lease ({@link LeaseKeeper}); a leadership
 * reads the keeper's last step, so {@code tryLead}/{@code isLeader} cost no database call and turn false one interval
 * before the lease would expire. On H2, which one instance owns, that instance always leads.
 */
@Singleton
public class LeaseSyncLeaderships implements SyncLeaderships {
    private final boolean shared;
    private final LeaseKeeper keeper;
    private final IntegrationLeases leases;
    private final Clock clock;

    public LeaseSyncLeaderships(Database database, LeaseKeeper keeper, IntegrationLeases leases, Clock clock) {
        this.shared = database.dialect() == Dialect.POSTGRESQL;
        this.keeper = keeper;
        this.leases = leases;
        this.clock = clock;
    }

    @Override
    public SyncLeadership of(IntegrationId integration) {
        return shared ? new LeaseLeadership(keeper, integration) : new SingleInstanceLeadership();
    }

    @Override
    public boolean shared() {
        return shared;
    }

    @Override
    public Optional<String> leader(IntegrationId integration) {
        return shared ? Optional.ofNullable(leases.holders(clock.instant()).get(integration)) : Optional.empty();
    }

    /** One integration's leadership by lease: true while the keeper's last step holds it and its margin lasts. */
    static final class LeaseLeadership implements SyncLeadership {
        private final LeaseKeeper keeper;
        private final IntegrationId integration;
        private volatile boolean closed;

        LeaseLeadership(LeaseKeeper keeper, IntegrationId integration) {
            this.keeper = keeper;
            this.integration = integration;
        }

        @Override
        public boolean tryLead() {
            return !closed && keeper.tryLead(integration);
        }

        /** Computed at each call (no database): a pass asks it at every page boundary. */
        @Override
        public boolean isLeader() {
            return !closed && keeper.leads(integration);
        }

        /** This process stops using the lease; the keeper gives it up once the integration leaves the registry. */
        @Override
        public void close() {
            closed = true;
        }
    }
}
