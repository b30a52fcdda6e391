package dev.fieldsync.app.e2e;

import java.util.Map;

/** Change delivery for several integrations on PostgreSQL (each pair's deliverer takes its advisory lock). */
class ManyIntegrationsDeliveryPostgresTest extends ManyIntegrationsDeliveryEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.postgres();
    }
}
