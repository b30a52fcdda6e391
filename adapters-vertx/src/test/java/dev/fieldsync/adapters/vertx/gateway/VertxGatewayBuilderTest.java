package dev.fieldsync.adapters.vertx.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.adapters.vertx.testing.Keys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VertxGatewayBuilderTest {

    static VertxGatewayBuilder valid() {
        return VertxGateway.builder()
                .keySource(new FixedKeySource(Keys.CURRENT))
                .budget(new UnlimitedRateBudget());
    }

    @Test
    void refusesPlainHttpToARemoteHostUnlessAllowed() {
        assertThatThrownBy(() -> valid().baseUrl("http://gateway.example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unencrypted")
                .hasMessageContaining("allowPlainHttp(true)")
                .hasMessageContaining("https://");
        try (VertxGateway allowed = valid().baseUrl("http://sandbox.internal:8080")
                .allowPlainHttp(true)
                .build()) {
            assertThat(allowed.toString()).contains("sandbox.internal");
        }
    }

    @Test
    void allowsPlainHttpToLoopbackAndHttpsAnywhere() {
        for (String url : new String[] {
            "http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://gw.example.com/base/"
        }) {
            try (VertxGateway gateway = valid().baseUrl(url).build()) {
                assertThat(gateway).isNotNull();
            }
        }
    }

    @Test
    void explainsWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> valid().build()).hasMessageContaining("base URL is required");
        assertThatThrownBy(() -> valid().baseUrl("gateway.example.com").build())
                .hasMessageContaining("absolute https://");
        assertThatThrownBy(() -> valid().baseUrl("ftp://x.example.com").build())
                .hasMessageContaining("absolute https://");
        assertThatThrownBy(() -> valid().baseUrl("https://x.example.com?a=b").build())
                .hasMessageContaining("query");
        assertThatThrownBy(() -> VertxGateway.builder()
                        .baseUrl("https://x.example.com")
                        .budget(new UnlimitedRateBudget())
                        .build())
                .hasMessageContaining("key source is required");
        assertThatThrownBy(() -> VertxGateway.builder()
                        .baseUrl("https://x.example.com")
                        .keySource(new FixedKeySource(Keys.CURRENT))
                        .build())
                .hasMessageContaining("rate budget is required");
        assertThatThrownBy(() -> valid().baseUrl("https://x.example.com")
                        .attemptTimeout(Duration.ZERO)
                        .build())
                .hasMessageContaining("attemptTimeout");
        assertThatThrownBy(() -> valid().baseUrl("https://x.example.com")
                        .maxResponseBytes(10)
                        .build())
                .hasMessageContaining("maxResponseBytes");
    }

    @Test
    void itsDescriptionNeverShowsTheKey() {
        try (VertxGateway gateway = valid().baseUrl("https://gw.example.com").build()) {
            assertThat(gateway.toString()).doesNotContain(Keys.CURRENT_TEXT).contains("gw.example.com");
        }
    }
}
