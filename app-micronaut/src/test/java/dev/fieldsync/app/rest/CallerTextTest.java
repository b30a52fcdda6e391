package dev.fieldsync.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerTextTest {

    @Test
    void logValuesAreQuotedEscapedAndCut() {
        assertThat(CallerText.forLog("evt_1")).isEqualTo("\"evt_1\"");
        assertThat(CallerText.forLog(null)).isEqualTo("-");
        assertThat(CallerText.forLog("a\r\n12:00:00 ERROR forged\tx\u2028y\u0000\"q\\"))
                .isEqualTo("\"a\\r\\n12:00:00 ERROR forged\\tx\\u2028y\\u0000\\\"q\\\\\"");
        String cut = CallerText.forLog("A".repeat(8_000));
        assertThat(cut)
                .startsWith("\"" + "A".repeat(80) + "\"")
                .endsWith("…(7920 more characters)")
                .hasSizeLessThan(110);
    }

    @Test
    void answerValuesAreCut() {
        assertThat(CallerText.abbreviate("short")).isEqualTo("short");
        assertThat(CallerText.abbreviate("x".repeat(1_000))).isEqualTo("x".repeat(64) + "…(936 more characters)");
    }
}
