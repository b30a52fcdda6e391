package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.store.contract.StoreContract;

/** The store contract the SQL stores pass, on the in-memory stores the application's tests stand on. */
class InMemoryStoresTest extends StoreContract {
    @Override
    protected Stores openStores() {
        InMemorySyncCheckpoints checkpoints = new InMemorySyncCheckpoints();
        return new Stores(
                new InMemoryJobs(checkpoints),
                checkpoints,
                new InMemorySubmissions(),
                new InMemoryWebhookEvents(),
                new InMemoryLookupCatalogs());
    }
}
