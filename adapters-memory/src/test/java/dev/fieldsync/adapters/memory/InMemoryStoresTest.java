package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.store.contract.StoreChangesContract;

/** The store contract the SQL stores pass, on the in-memory stores the application's tests stand on. */
class InMemoryStoresTest extends StoreChangesContract {
    @Override
    protected Stores openStores() {
        InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
        InMemoryChangeLog changeLog = new InMemoryChangeLog();
        return new Stores(
                new InMemoryJobs(checkpoints, changeLog),
                checkpoints,
                new InMemorySubmissions(changeLog),
                new InMemoryWebhookEvents(),
                new InMemoryLookupCatalogs(),
                changeLog);
    }
}
