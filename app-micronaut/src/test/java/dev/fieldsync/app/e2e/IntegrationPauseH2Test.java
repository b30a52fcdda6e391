package dev.fieldsync.app.e2e;

import java.util.Map;

/** Pause and resume end to end on H2. */
class IntegrationPauseH2Test extends IntegrationPauseEndToEndTest {
    @Override
    Map<String, Object> database() {
        return TestDatabases.h2();
    }
}
