package dev.fieldsync.app.e2e;

import java.util.Map;

/** The end-to-end scenarios on embedded H2 (the default database). */
class H2EndToEndTest extends ServiceEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
