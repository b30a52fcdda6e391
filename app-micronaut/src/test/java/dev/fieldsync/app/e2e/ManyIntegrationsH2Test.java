package dev.fieldsync.app.e2e;

import java.util.Map;

/** Several integrations in one service on H2 (local budgets). */
class ManyIntegrationsH2Test extends ManyIntegrationsEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }

    @Override
    boolean sharedBudget() {
        return false;
    }
}
