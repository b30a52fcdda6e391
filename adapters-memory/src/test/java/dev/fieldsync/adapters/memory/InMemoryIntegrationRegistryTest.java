package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.store.contract.IntegrationRegistryContract;

class InMemoryIntegrationRegistryTest extends IntegrationRegistryContract {
    @Override
    protected void openStores() {
        registry = new InMemoryIntegrationRegistry();
    }
}
