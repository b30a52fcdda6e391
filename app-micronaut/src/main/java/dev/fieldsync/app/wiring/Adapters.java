package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.sql.Database;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.WebhookEvents;

/**
 * Every outbound adapter of one service, built together by {@link CoreFactory}. Held as one bean of this
 * type (not as beans of the port types) so that nothing else on the classpath can make a port ambiguous.
 */
public record Adapters(
        Database database,
        KeySource keySource,
        RateBudget budget,
        Gateway gateway,
        GatewayClock gatewayClock,
        Jobs jobs,
        SyncCheckpoints checkpoints,
        LookupCatalogs catalogs,
        Submissions submissions,
        WebhookEvents webhookEvents,
        AutoCloseable closeGateway)
        implements AutoCloseable {

    /** The store ports, for the core. */
    public Stores stores() {
        return new Stores(jobs, checkpoints, catalogs, submissions, webhookEvents);
    }

    @Override
    public void close() throws Exception {
        closeGateway.close();
    }
}
