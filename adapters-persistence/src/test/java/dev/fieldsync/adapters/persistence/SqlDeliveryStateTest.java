package dev.fieldsync.adapters.persistence;

import dev.fieldsync.adapters.persistence.support.TestDatabase;
import dev.fieldsync.ports.out.delivery.ConsumerCursors;
import dev.fieldsync.ports.out.delivery.DeliveryLog;
import dev.fieldsync.ports.out.store.contract.DeliveryStateContract;
import io.micronaut.context.ApplicationContext;

/** The delivery state contract on the SQL stores (V8, V9). */
abstract class SqlDeliveryStateTest extends DeliveryStateContract {
    private TestDatabase database;
    private ApplicationContext context;

    protected abstract TestDatabase newDatabase();

    @Override
    protected void openStores() {
        database = newDatabase();
        context = ApplicationContext.run(database.properties(), database.kind());
        cursors = context.getBean(ConsumerCursors.class);
        deliveryLog = context.getBean(DeliveryLog.class);
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
