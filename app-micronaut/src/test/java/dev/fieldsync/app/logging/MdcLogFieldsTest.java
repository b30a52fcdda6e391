package dev.fieldsync.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.log.LogFields;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** An integration's log fields name it in every scope, and its threads name it on every line. */
class MdcLogFieldsTest {

    @Test
    void anIntegrationsScopeNamesItBesideTheGivenFieldsAndRestoresWhatWasThere() {
        MDC.put(MdcLogFields.INTEGRATION, "default");
        try (LogFields.Scope scope =
                MdcLogFields.of(IntegrationId.of("beta")).with(Map.of("gateway_call", "GET /v1/jobs"))) {
            assertThat(MDC.get(MdcLogFields.INTEGRATION)).isEqualTo("beta");
            assertThat(MDC.get("gateway_call")).isEqualTo("GET /v1/jobs");
        }
        assertThat(MDC.get(MdcLogFields.INTEGRATION)).isEqualTo("default");
        assertThat(MDC.get("gateway_call")).isNull();
        MDC.remove(MdcLogFields.INTEGRATION);
        try (LogFields.Scope scope = new MdcLogFields().with(Map.of("submission", "sub_1"))) {
            assertThat(MDC.get(MdcLogFields.INTEGRATION))
                    .as("plain fields add no integration")
                    .isNull();
        }
    }

    @Test
    void anIntegrationsThreadsNameItOnEveryLine() throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = MdcLogFields.threads("fieldsync-sync-gamma", IntegrationId.of("gamma"))
                .newThread(() -> seen.set(MDC.get(MdcLogFields.INTEGRATION)));
        thread.start();
        thread.join(5_000);
        assertThat(thread.getName()).isEqualTo("fieldsync-sync-gamma-1");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(seen.get()).isEqualTo("gamma");
    }
}
