package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.store.contract.DeliveryStateContract;

class InMemoryDeliveryStateTest extends DeliveryStateContract {
    @Override
    protected void openStores() {
        cursors = new InMemoryConsumerCursors();
        deliveryLog = new InMemoryDeliveryLog();
    }
}
