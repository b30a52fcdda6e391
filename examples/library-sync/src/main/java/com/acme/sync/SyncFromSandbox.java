package com.acme.sync;

import dev.fieldsync.adapters.persistence.budget.BudgetSettings;
import dev.fieldsync.adapters.persistence.wiring.PersistenceAdapters;
import dev.fieldsync.adapters.vertx.gateway.VertxGateway;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.application.FieldsyncCore;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.sync.SyncOutcome;
import dev.fieldsync.ports.in.sync.SyncProgressListener;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;

/**
 * A plain-Java program (no Micronaut, no dependency injection) that keeps a local mirror of an integration's jobs
 * with fieldsync: the core over the Vert.x gateway client and the SQL stores on an embedded H2 database.
 *
 * <p>Run without arguments it starts the gateway sandbox in-process and mirrors its generated jobs into
 * {@code ./target/acme-mirror}; {@code SyncFromSandbox <jdbc-url>} mirrors into another database.
 */
public final class SyncFromSandbox {
    /** The integration this program mirrors; the stores keep each integration's rows apart. */
    public static final IntegrationId INTEGRATION = IntegrationId.of("acme");

    private SyncFromSandbox() {}

    public static void main(String[] args) {
        String jdbcUrl = args.length > 0 ? args[0] : "jdbc:h2:file:./target/acme-mirror;MODE=PostgreSQL";
        SandboxOptions options = SandboxOptions.defaults()
                .jobs(250)
                .rateLimited(false)
                .stillWorld()
                .port(0);
        try (GatewaySandbox sandbox = GatewaySandbox.start(options)) {
            SyncOutcome outcome = mirror(sandbox.baseUrl(), SandboxKeys.FULL, jdbcUrl);
            System.out.printf(
                    "mirrored %d jobs (%d new) in %d pages, pass completed: %s%n",
                    outcome.jobs(), outcome.newJobs(), outcome.pages(), outcome.completed());
        }
    }

    // README:library-sync begin
    /** One sync pass from the gateway at {@code gatewayUrl} into the SQL mirror at {@code jdbcUrl}. */
    public static SyncOutcome mirror(String gatewayUrl, String apiKey, String jdbcUrl) {
        KeySource keys = FixedKeySource.of(apiKey); // or new EnvironmentKeySource(): FIELDSYNC_API_KEY
        RateBudget budget = PersistenceAdapters.localBudget(BudgetSettings.DEFAULTS); // 38 a minute
        try (PersistenceAdapters stores = PersistenceAdapters.start(jdbcUrl, "sa", ""); // runs the migrations
                VertxGateway gateway = VertxGateway.builder()
                        .baseUrl(gatewayUrl)
                        .keySource(keys)
                        .budget(budget) // every attempt takes a token first
                        .build()) {
            FieldsyncCore core = FieldsyncCore.builder()
                    .integration(INTEGRATION)
                    .gateway(gateway)
                    .budget(budget)
                    .keySource(keys)
                    .jobs(stores.jobs())
                    .checkpoints(stores.checkpoints())
                    .catalogs(stores.lookupCatalogs())
                    .submissions(stores.submissions())
                    .webhookEvents(stores.webhookEvents())
                    .build();
            return core.syncJobs().runPass(SyncProgressListener.NONE);
        }
    }
    // README:library-sync end
}
