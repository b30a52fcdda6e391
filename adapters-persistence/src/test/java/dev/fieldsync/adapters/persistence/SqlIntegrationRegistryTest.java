package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.ports.out.store.IntegrationRegistry;
import dev.fieldsync.ports.out.store.contract.IntegrationRegistryContract;
import io.micronaut.context.ApplicationContext;

/** The integration registry contract on the SQL store (V12). */
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
}
