package dev.fieldsync.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.validation.Violation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {

    static String members(String prefix, int count, String value) {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(prefix)
                    .append(i)
                    .append("\":")
                    .append(value);
        }
        return body.append('}').toString();
    }

    @Test
    void aBodyWithinTheBoundsPasses() {
        assertThat(JsonLimits.check("{\"title\":\"x\",\"custom_fields\":" + members("f", 100, "\"v\"") + "}"))
                .isEmpty();
        assertThat(JsonLimits.check(members("u", 100, "1"))).isEmpty();
    }

    @Test
    void oneMemberTooManyIsOneViolationNamingTheObject() {
        Optional<Violation> root = JsonLimits.check(members("u", 101, "1"));
        assertThat(root).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("body");
            assertThat(v.rule()).isEqualTo("max-members");
            assertThat(v.message()).startsWith("the body holds more than 100 members");
        });
        Optional<Violation> nested = JsonLimits.check("{\"custom_fields\":" + members("f", 101, "\"v\"") + "}");
        assertThat(nested).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("custom_fields"));
        Optional<Violation> array = JsonLimits.check("{\"site\":[" + "1,".repeat(100) + "1]}");
        assertThat(array).hasValueSatisfying(v -> {
            assertThat(v.field()).isEqualTo("site");
            assertThat(v.rule()).isEqualTo("max-elements");
        });
        Optional<Violation> objects = JsonLimits.check(members("o", 101, "{}"));
        assertThat(objects).hasValueSatisfying(v -> assertThat(v.field()).isEqualTo("body"));
    }

    @Test
    void theCheckStopsAtTheFirstBreachInsteadOfReadingOn() {
        // Unterminated after the breach: a check that read on would report the syntax error instead.
        String body = members("u", 101, "1");
        assertThat(JsonLimits.check(body.substring(0, body.length() - 1) + ",\"x\":"))
                .hasValueSatisfying(v -> assertThat(v.rule()).isEqualTo("max-members"));
    }

    @Test
    void brokenJsonIsDescribedInOurWordsWithTheLocation() {
        assertThat(JsonLimits.check("{\"title\": ")).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("json");
            assertThat(v.message())
                    .isEqualTo(
                            "the body ends before its JSON is complete (line 1, column 11); send one whole JSON object");
        });
        assertThat(JsonLimits.check("{\"title\": nope}"))
                .hasValueSatisfying(v -> assertThat(v.message())
                        .isEqualTo("the body is not valid JSON: unexpected text (line 1, column 15)"));
        assertThat(JsonLimits.check("[".repeat(5_000))).hasValueSatisfying(v -> {
            assertThat(v.rule()).isEqualTo("max-depth");
            assertThat(v.message()).startsWith("the body nests deeper than 8 levels");
        });
        assertThat(JsonLimits.check("{\"n\": " + "9".repeat(500) + "}"))
                .hasValueSatisfying(v -> assertThat(v.rule()).isEqualTo("max-number-length"));
        for (String body :
                new String[] {"{\"title\": ", "{\"title\": nope}", "[".repeat(5_000), "{\"n\": " + "9".repeat(500) + "}"
                }) {
            assertThat(JsonLimits.check(body).orElseThrow().message())
                    .doesNotContain("Exception", "Stream", "Source", "com.fasterxml", "`");
        }
    }
}
