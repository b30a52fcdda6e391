package dev.fieldsync.adapters.memory;

import dev.fieldsync.ports.out.store.ChangeLog;
import dev.fieldsync.ports.out.store.contract.ChangeLogContract;

/** The change log contract on the in-memory log. */
class InMemoryChangeLogTest extends ChangeLogContract {
    @Override
    protected ChangeLog openChangeLog() {
        return new InMemoryChangeLog();
    }
}
