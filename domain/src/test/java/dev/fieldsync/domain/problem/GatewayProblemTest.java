package dev.fieldsync.domain.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayProblemTest {

    /** GATEWAY-API.md §3, copied by hand so the enum is checked against the documentation, not itself. */
    static Stream<Arguments> documentedCatalog() {
        return Stream.of(
                Arguments.of("invalid-body", 400, RetryClass.FINAL),
                Arguments.of("invalid-query", 400, RetryClass.FINAL),
                Arguments.of("unknown-custom-field", 400, RetryClass.FINAL),
                Arguments.of("project-not-in-scope", 400, RetryClass.FINAL),
                Arguments.of("customer-not-in-scope", 400, RetryClass.FINAL),
                Arguments.of("field-not-writable", 400, RetryClass.FINAL),
                Arguments.of("unauthorized", 401, RetryClass.FINAL),
                Arguments.of("no-scope", 403, RetryClass.FINAL),
                Arguments.of("not-found", 404, RetryClass.FINAL),
                Arguments.of("editing-locked", 409, RetryClass.FINAL),
                Arguments.of("cancellation-locked", 409, RetryClass.FINAL),
                Arguments.of("rate-limited", 429, RetryClass.RETRYABLE),
                Arguments.of("internal", 500, RetryClass.OUTCOME_UNKNOWN_FOR_WRITES),
                Arguments.of("upstream-scope-violation", 502, RetryClass.OUTCOME_UNKNOWN_FOR_WRITES),
                Arguments.of("schema-drift", 502, RetryClass.OUTCOME_UNKNOWN_FOR_WRITES),
                Arguments.of("writes-disabled", 503, RetryClass.FINAL),
                Arguments.of("cancel-not-configured", 503, RetryClass.FINAL));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("documentedCatalog")
    void everyDocumentedCodeMapsByTypeAndByShortCode(String code, int status, RetryClass retryClass) {
        String type = "https://gateway/errors/" + code;
        ProblemCode byType = ProblemCode.find(type).orElseThrow();
        assertThat(ProblemCode.find(code)).contains(byType);
        assertThat(byType.code()).isEqualTo(code);
        assertThat(byType.type()).isEqualTo(type);
        assertThat(byType.status()).isEqualTo(status);
        assertThat(byType.retryClass()).isEqualTo(retryClass);

        GatewayProblem problem = GatewayProblem.of(
                type, status, "Some title", Optional.of("req_01HX9CK3T6JZ2N8H6K7G5W2BFA"), Optional.of("fs-123"));
        assertThat(problem.code()).isEqualTo(byType);
        assertThat(problem.codeName()).isEqualTo(code);
        assertThat(problem.retryClass()).isEqualTo(retryClass);
        assertThat(problem.hint()).isEqualTo(byType.hint());
        assertThat(problem.describe())
                .contains(Integer.toString(status))
                .contains(code)
                .contains("Some title")
                .contains("req_01HX9CK3T6JZ2N8H6K7G5W2BFA")
                .contains("fs-123");
        assertThat(problem).hasToString(problem.describe());
    }

    @Test
    void theCatalogHasExactlyTheDocumentedCodesPlusUnknown() {
        assertThat(Arrays.stream(ProblemCode.values())
                        .filter(c -> c != ProblemCode.UNKNOWN)
                        .map(ProblemCode::code))
                .containsExactlyInAnyOrderElementsOf(
                        documentedCatalog().map(a -> (String) a.get()[0]).toList());
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void everyHintIsAnActionableSentence(ProblemCode code) {
        assertThat(code.hint()).isNotBlank().hasSizeGreaterThan(20).endsWith(".");
    }

    @Test
    void theNoScopeHintSaysCustomersAreNotAttachedAndToAskTheOperator() {
        assertThat(ProblemCode.NO_SCOPE.hint())
                .contains("valid")
                .contains("no customers are attached")
                .contains("gateway operator")
                .contains("finish setup");
    }

    @Test
    void anUnknownServerCodeIsKeptAndMayHaveRun() {
        GatewayProblem problem = GatewayProblem.of(
                "https://gateway/errors/quota-frozen", 507, "Quota frozen", Optional.of("req_1"), Optional.empty());
        assertThat(problem.code()).isEqualTo(ProblemCode.UNKNOWN);
        assertThat(problem.type()).isEqualTo("https://gateway/errors/quota-frozen");
        assertThat(problem.status()).isEqualTo(507);
        assertThat(problem.title()).isEqualTo("Quota frozen");
        assertThat(problem.gatewayRequestId()).contains("req_1");
        assertThat(problem.codeName()).isEqualTo("quota-frozen");
        assertThat(problem.retryClass()).isEqualTo(RetryClass.OUTCOME_UNKNOWN_FOR_WRITES);
        assertThat(problem.hint()).isNotBlank();
        assertThat(problem.describe())
                .contains("507")
                .contains("quota-frozen")
                .contains("Quota frozen")
                .contains("req_1");
    }

    @Test
    void anUnknownClientCodeIsFinal() {
        GatewayProblem problem = GatewayProblem.of(
                "https://gateway/errors/too-many-notes", 422, "Too many notes", Optional.empty(), Optional.empty());
        assertThat(problem.code()).isEqualTo(ProblemCode.UNKNOWN);
        assertThat(problem.retryClass()).isEqualTo(RetryClass.FINAL);
        assertThat(problem.status()).isEqualTo(422);
    }

    @Test
    void aTypeOutsideTheGatewayNamespaceKeepsItsWholeTail() {
        GatewayProblem problem = GatewayProblem.of("about:blank", 500, null, Optional.empty(), Optional.empty());
        assertThat(problem.code()).isEqualTo(ProblemCode.UNKNOWN);
        assertThat(problem.codeName()).isEqualTo("about:blank");
        assertThat(problem.title()).isEmpty();
        assertThat(GatewayProblem.of(null, 400, "x", Optional.empty(), Optional.empty())
                        .type())
                .isEmpty();
    }

    @Test
    void theClassificationUsesTheTypeNeverTheTitle() {
        GatewayProblem problem = GatewayProblem.of(
                "https://gateway/errors/rate-limited", 429, "editing-locked", Optional.empty(), Optional.empty());
        assertThat(problem.code()).isEqualTo(ProblemCode.RATE_LIMITED);
    }

    @Test
    void lookupsOfNothingOrOfUnknownFindNothing() {
        assertThat(ProblemCode.find(null)).isEmpty();
        assertThat(ProblemCode.find("unknown")).isEmpty();
        assertThat(ProblemCode.find("https://gateway/errors/unknown")).isEmpty();
        assertThat(ProblemCode.find("https://other/errors/not-found")).isEmpty();
        assertThat(ProblemCode.find("Not-Found")).isEmpty();
    }
}
