package dev.fieldsync.app.security;

import dev.fieldsync.app.config.Scope;
import io.micronaut.core.util.PathMatcher;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that says which scope a call needs: rows of method(s), path pattern (Ant style: {@code *} one
 * segment, {@code **} any), an optional query flag, and the scope, or none for the calls that stay open. The
 * first row that matches decides; the last two rows are the defaults that cover every endpoint added later with no
 * row of its own: a safe method (GET, HEAD, OPTIONS) needs {@code read}, any other {@code write}.
 * {@link ScopeRule} enforces it; the tests walk the same rows.
 *
 * <p>An integration-scoped path ({@code /api/integrations/{id}/jobs/7}, the console's
 * {@code /console/integrations/{id}/jobs}) needs what its unscoped twin ({@code /api/jobs/7}) needs: it is looked up
 * as that twin ({@link #unscoped}), so the rows name each resource once. The registry's own calls
 * ({@code /api/integrations}, {@code /api/integrations/{id}} and its {@link #REGISTRY_ACTIONS}) keep their rows.
 */
public final class ScopeTable {
    /** Every method: a row for a path whatever the call. */
    static final Set<String> ANY = Set.of();

    static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * One row. {@code scope} empty: open to anonymous callers (authentication still runs, so a caller that sends a
     * token is known, as health's details need). {@code flag}: the row applies only when that query parameter is
     * {@code true} (as {@code force=true} on verify).
     */
    public record Row(Set<String> methods, String pattern, Optional<String> flag, Optional<Scope> scope, String why) {
        boolean applies(String method, String path, Predicate<String> flagSet) {
            return (methods.isEmpty() || methods.contains(method))
                    && PathMatcher.ANT.matches(pattern, path)
                    && flag.map(flagSet::test).orElse(true);
        }
    }

    public static final List<Row> ROWS = List.of(
            open(ANY, "/health", "probes: status only, details for an authenticated caller"),
            open(ANY, "/health/**", "liveness and readiness probes"),
            open(ANY, "/webhooks/**", "the gateway's deliveries, checked by their signature instead"),
            open(SAFE, "/openapi", "the OpenAPI document"),
            open(SAFE, "/openapi/**", "the OpenAPI document"),
            open(SAFE, "/swagger-ui/**", "Swagger UI (it asks for a token to try calls)"),
            open(ANY, "/console/sign-in", "the console's sign-in page and form (the token is checked there)"),
            open(Set.of("POST"), "/console/sign-out", "signing out of the console clears its cookie"),
            open(SAFE, "/console/assets/**", "the console's stylesheet"),
            row(
                    Set.of("POST"),
                    "/console/submissions/*/confirm",
                    null,
                    Scope.ADMIN,
                    "as POST /api/submissions/*/confirm"),
            row(
                    Set.of("POST"),
                    "/console/submissions/*/resend",
                    null,
                    Scope.ADMIN,
                    "as POST /api/submissions/*/resend"),
            row(
                    Set.of("POST"),
                    "/console/submissions/*/abandon",
                    null,
                    Scope.ADMIN,
                    "as POST /api/submissions/*/abandon"),
            row(Set.of("POST"), "/console/consumers/*/*", null, Scope.ADMIN, "as POST /api/changes/consumers/**"),
            row(Set.of("POST"), "/console/integrations/*/*", null, Scope.ADMIN, "as POST /api/integrations/**"),
            row(SAFE, "/console/**", null, Scope.READ, "the console's pages: read to look"),
            row(ANY, "/console/**", null, Scope.ADMIN, "a console action without a row of its own: admin"),
            row(Set.of("POST"), "/api/submissions/*/confirm", null, Scope.ADMIN, "review: say which job it became"),
            row(Set.of("POST"), "/api/submissions/*/resend", null, Scope.ADMIN, "review: send a create again"),
            row(Set.of("POST"), "/api/submissions/*/abandon", null, Scope.ADMIN, "review: give a create up"),
            row(unsafe(), "/api/changes/consumers/**", null, Scope.ADMIN, "change consumers: replay, resume"),
            row(unsafe(), "/api/sweep", null, Scope.ADMIN, "a sweep spends a request per 100 mirrored jobs"),
            row(unsafe(), "/api/sweep/**", null, Scope.ADMIN, "review: mark jobs gone or keep them"),
            row(SAFE, "/api/verify", "force", Scope.ADMIN, "forced verify spends the budget again"),
            row(SAFE, "/api/verify", "write", Scope.WRITE, "the write test creates and cancels a job"),
            row(unsafe(), "/api/integrations", null, Scope.ADMIN, "integrations are the operator's"),
            row(unsafe(), "/api/integrations/**", null, Scope.ADMIN, "pause, resume, sync now: the operator's"),
            row(SAFE, "/prometheus", null, Scope.READ, "metrics"),
            row(SAFE, "/**", null, Scope.READ, "default: every read"),
            row(ANY, "/**", null, Scope.WRITE, "default: every write"));

    /** The resources every integration has under {@code /api/integrations/{id}/} (and the console's twin). */
    public static final Set<String> SCOPED_RESOURCES = Set.of(
            "jobs", "changes", "submissions", "sync", "lookups", "verify", "sites", "sweep", "budget", "consumers");

    /** The registry's operator actions on one integration ({@code POST /api/integrations/{id}/sync}...). */
    static final Set<String> REGISTRY_ACTIONS = Set.of("pause", "resume", "sync");

    private static final Pattern SCOPED = Pattern.compile("(/api|/console)/integrations/[^/]+/([^/]+)(/.*)?");

    private ScopeTable() {}

    /** The row that decides a call: always one, the defaults catch what no other row names. */
    public static Row decide(String method, String path, Predicate<String> flagSet) {
        String twin = unscoped(method, path);
        return ROWS.stream()
                .filter(row -> row.applies(method, twin, flagSet))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the default rows match every call"));
    }

    /**
     * The unscoped twin of an integration-scoped path ({@code /api/integrations/acme/jobs/7} → {@code /api/jobs/7});
     * any other path, and a registry action ({@code POST /api/integrations/acme/sync}), as it is.
     */
    static String unscoped(String method, String path) {
        Matcher scoped = SCOPED.matcher(path);
        if (!scoped.matches() || !SCOPED_RESOURCES.contains(scoped.group(2))) {
            return path;
        }
        String rest = scoped.group(3) == null ? "" : scoped.group(3);
        if (rest.isEmpty() && !SAFE.contains(method) && REGISTRY_ACTIONS.contains(scoped.group(2))) {
            return path;
        }
        return scoped.group(1) + "/" + scoped.group(2) + rest;
    }

    private static Set<String> unsafe() {
        return Set.of("POST", "PUT", "PATCH", "DELETE");
    }

    private static Row open(Set<String> methods, String pattern, String why) {
        return new Row(methods, pattern, Optional.empty(), Optional.empty(), why);
    }

    private static Row row(Set<String> methods, String pattern, String flag, Scope scope, String why) {
        return new Row(methods, pattern, Optional.ofNullable(flag), Optional.of(scope), why);
    }
}
