package dev.fieldsync.app.e2e;

import java.util.Map;

/** The change feed end to end on H2. */
class ChangeFeedH2Test extends ChangeFeedEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
