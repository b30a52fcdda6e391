package dev.fieldsync.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.app.config.Scope;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scope table's decisions for today's endpoints and for ones added later, with no row of their own. */
class ScopeTableTest {

    static Optional<Scope> scope(String method, String path, String... flags) {
        return ScopeTable.decide(method, path, Set.of(flags)::contains).scope();
    }

    @Test
    void readsNeedReadWritesWriteOperatorActionsAdmin() {
        assertThat(scope("GET", "/api/jobs")).contains(Scope.READ);
        assertThat(scope("HEAD", "/api/jobs/42")).contains(Scope.READ);
        assertThat(scope("GET", "/api/submissions")).contains(Scope.READ);
        assertThat(scope("GET", "/api/lookups", "refresh")).contains(Scope.READ);
        assertThat(scope("GET", "/prometheus")).contains(Scope.READ);
        assertThat(scope("POST", "/api/jobs")).contains(Scope.WRITE);
        assertThat(scope("PATCH", "/api/jobs/42")).contains(Scope.WRITE);
        assertThat(scope("POST", "/api/jobs/42/cancel")).contains(Scope.WRITE);
        assertThat(scope("POST", "/api/sites")).contains(Scope.WRITE);
        assertThat(scope("POST", "/api/sync")).contains(Scope.WRITE);
        assertThat(scope("GET", "/api/verify", "write")).contains(Scope.WRITE);
        assertThat(scope("GET", "/api/verify")).contains(Scope.READ);
        assertThat(scope("GET", "/api/verify", "force")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/submissions/01J0000000000000000000000/confirm"))
                .contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/submissions/s/resend")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/submissions/s/abandon")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/changes/consumers/bi/replay")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/changes/consumers/bi/resume")).contains(Scope.ADMIN);
        assertThat(scope("GET", "/api/changes/consumers")).contains(Scope.READ);
        assertThat(scope("GET", "/api/integrations")).contains(Scope.READ);
        assertThat(scope("GET", "/api/integrations/acme")).contains(Scope.READ);
        assertThat(scope("POST", "/api/integrations/acme/pause")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/integrations/acme/resume")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/integrations/acme/sync")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/integrations")).contains(Scope.ADMIN);
        assertThat(scope("DELETE", "/api/integrations/acme")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/sweep")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/sweep/review/accept")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/sweep/review/dismiss")).contains(Scope.ADMIN);
        assertThat(scope("GET", "/api/sweep")).contains(Scope.READ);
    }

    @Test
    void anIntegrationScopedPathNeedsWhatItsUnscopedTwinNeeds() {
        for (ScopeTable.Row row : ScopeTable.ROWS) {
            if (!row.pattern().startsWith("/api/") || row.pattern().startsWith("/api/integrations")) {
                continue;
            }
            String twin = samplePath(row).replaceFirst("\\?.*", "");
            String scoped = twin.replaceFirst("^/api/", "/api/integrations/acme/");
            String method = sampleMethod(row);
            Set<String> flags = row.flag().map(Set::of).orElse(Set.of());
            assertThat(ScopeTable.decide(method, scoped, flags::contains).scope())
                    .as("%s %s", method, scoped)
                    .isEqualTo(ScopeTable.decide(method, twin, flags::contains).scope());
        }
        assertThat(scope("POST", "/api/integrations/x/jobs")).contains(Scope.WRITE);
        assertThat(scope("GET", "/api/integrations/x/jobs")).contains(Scope.READ);
        assertThat(scope("POST", "/api/integrations/x/submissions/s/confirm")).contains(Scope.ADMIN);
        assertThat(scope("GET", "/api/integrations/x/verify", "force")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/integrations/x/sweep")).contains(Scope.ADMIN);
        assertThat(scope("GET", "/api/integrations/x/sync")).contains(Scope.READ);
        // The registry's own calls keep their rows: "sync now" of one integration stays the operator's.
        assertThat(scope("POST", "/api/integrations/x/sync")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/integrations/x/pause")).contains(Scope.ADMIN);
        assertThat(scope("PATCH", "/api/integrations/x")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/api/integrations/x/unknown-resource")).contains(Scope.ADMIN);
        assertThat(scope("POST", "/console/integrations/x/submissions/s/confirm"))
                .contains(Scope.ADMIN);
        assertThat(scope("GET", "/console/integrations/x/jobs")).contains(Scope.READ);
        assertThat(scope("POST", "/console/integrations/x/pause")).contains(Scope.ADMIN);
    }

    @Test
    void endpointsAddedLaterAreCoveredByTheDefaults() {
        assertThat(scope("GET", "/api/later")).contains(Scope.READ);
        assertThat(scope("OPTIONS", "/api/later/runs")).contains(Scope.READ);
        assertThat(scope("POST", "/api/later")).contains(Scope.WRITE);
        assertThat(scope("PUT", "/api/anything/new")).contains(Scope.WRITE);
        assertThat(scope("DELETE", "/somewhere")).contains(Scope.WRITE);
    }

    @Test
    void probesWebhooksAndTheDocumentStayOpen() {
        assertThat(scope("GET", "/health")).isEmpty();
        assertThat(scope("GET", "/health/readiness")).isEmpty();
        assertThat(scope("POST", "/webhooks/fieldinsight")).isEmpty();
        assertThat(scope("GET", "/openapi/fieldsync-0.1.yml")).isEmpty();
        assertThat(scope("GET", "/swagger-ui/index.html")).isEmpty();
        assertThat(scope("POST", "/openapi/fieldsync-0.1.yml")).contains(Scope.WRITE);
    }

    /** The method a row is exercised with: its first, or GET (reads, open rows) / POST (others) for every method. */
    static String sampleMethod(ScopeTable.Row row) {
        if (!row.methods().isEmpty()) {
            return row.methods().stream().sorted().findFirst().orElseThrow();
        }
        return row.scope().filter(scope -> scope != Scope.READ).isPresent() ? "POST" : "GET";
    }

    /** A path the row's pattern matches ({@code **} two segments, {@code *} one), with its flag set. */
    static String samplePath(ScopeTable.Row row) {
        String path = row.pattern().equals("/**")
                ? "/api/not-yet-an-endpoint"
                : row.pattern().replace("**", "x1/x2").replace("*", "x1");
        return path + row.flag().map(flag -> "?" + flag + "=true").orElse("");
    }
}
