package dev.fieldsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxExtensionTest {
    @RegisterExtension
    static SandboxExtension sandbox =
            new SandboxExtension(SandboxOptions.defaults().seed(1).jobs(40).rateLimited(false));

    @Test
    @Order(1)
    void startedBeforeAllAndServes() {
        assertThat(sandbox.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(new Wire(sandbox.baseUrl()).get("/v1/jobs", SandboxKeys.FULL).statusCode())
                .isEqualTo(200);
        assertThat(sandbox.dump()).hasSize(40);
        sandbox.faults().internalErrorProbability(1);
    }

    @Test
    @Order(2)
    void faultsAreResetBeforeEachTest() {
        assertThat(sandbox.faults().internalErrorProbability()).isZero();
        assertThat(new Wire(sandbox.baseUrl()).get("/v1/jobs", SandboxKeys.FULL).statusCode())
                .isEqualTo(200);
    }
}
