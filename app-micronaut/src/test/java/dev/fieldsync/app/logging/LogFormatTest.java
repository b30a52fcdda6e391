package dev.fieldsync.app.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.app.config.ConfigurationProblem;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The log format choice (text unless asked for json) and the MDC-backed log fields. */
class LogFormatTest {
    private String before;

    @BeforeEach
    void clear() {
        before = System.getProperty(LogFormat.PROPERTY);
        System.clearProperty(LogFormat.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LogFormat.PROPERTY);
        } else {
            System.setProperty(LogFormat.PROPERTY, before);
        }
    }

    @Test
    void textUnlessAskedForJson() {
        assertThat(LogFormat.select(Map.of())).isEqualTo("text");
        assertThat(LogFormat.select(Map.of("FIELDSYNC_LOG_FORMAT", " "))).isEqualTo("text");
        System.clearProperty(LogFormat.PROPERTY);
        assertThat(LogFormat.select(Map.of("FIELDSYNC_LOG_FORMAT", "JSON"))).isEqualTo("json");
        assertThat(System.getProperty(LogFormat.PROPERTY)).isEqualTo("json");
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        System.setProperty(LogFormat.PROPERTY, "text");
        assertThat(LogFormat.select(Map.of("FIELDSYNC_LOG_FORMAT", "json"))).isEqualTo("text");
    }

    @Test
    void anUnknownFormatNamesBothWaysToFixIt() {
        assertThatThrownBy(() -> LogFormat.select(Map.of("FIELDSYNC_LOG_FORMAT", "yaml")))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("configuration: fieldsync.log.format is 'yaml', not a log format; set FIELDSYNC_LOG_FORMAT "
                        + "(or -Dfieldsync.log.format) to text (the default) or json");
    }

    @Test
    void logFieldsLiveInTheMdcForTheirScopeAndRestoreWhatWasThere() {
        MdcLogFields fields = new MdcLogFields();
        MDC.put("submission", "outer");
        try (var scope = fields.with(Map.of("submission", "inner", "request_id", "01ABC"))) {
            assertThat(MDC.get("submission")).isEqualTo("inner");
            assertThat(MDC.get("request_id")).isEqualTo("01ABC");
        }
        assertThat(MDC.get("submission")).isEqualTo("outer");
        assertThat(MDC.get("request_id")).isNull();
        MDC.clear();
    }
}
