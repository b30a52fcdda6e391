package dev.fieldsync.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.sync.SyncCheckpoint;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.ConsumerState;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.contract.IntegrationRegistryContract;
import io.micronaut.context.ApplicationContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The integration registry contract on the SQL store (V12), and a removal that takes the integration's data along. */
abstract class SqlIntegrationRegistryTest extends IntegrationRegistryContract {
    private TestDatabase database;
    private ApplicationContext context;

    protected abstract TestDatabase newDatabase();

    @Override
    protected void openStores() {
        database = newDatabase();
        context = ApplicationContext.run(database.properties(), database.kind());
        registry = context.getBean(IntegrationRegistry.class);
    }

    @Override
    protected void closeStores() {
        if (context != null) {
            context.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void removingAnIntegrationDeletesEveryRowKeyedByItAndNoOtherIntegrations() {
        SyncCheckpoints checkpoints = context.getBean(SyncCheckpoints.class);
        ConsumerCursors cursors = context.getBean(ConsumerCursors.class);
        IntegrationId gone =
                IntegrationId.of("rm-" + UUID.randomUUID().toString().substring(0, 8));
        IntegrationId kept =
                IntegrationId.of("keep-" + UUID.randomUUID().toString().substring(0, 8));
        for (IntegrationId id : List.of(gone, kept)) {
            registry.create(declared(id, 38));
            checkpoints.save(SyncCheckpoint.initial(id));
            cursors.save(id, "erp", ConsumerState.START.deliveredThrough(7));
        }

        assertThat(registry.remove(gone)).isTrue();

        assertThat(registry.find(gone)).isEmpty();
        assertThat(checkpoints.load(gone)).isEmpty();
        assertThat(cursors.load(gone, "erp")).isEqualTo(ConsumerState.START);
        assertThat(registry.find(kept)).isPresent();
        assertThat(checkpoints.load(kept)).isPresent();
        assertThat(cursors.load(kept, "erp").cursor()).isEqualTo(7);
    }
}
