package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.Callers;
import dev.fieldsync.app.security.ScopeTable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is looking at a console page: the caller's name (the token's, or the JWT's subject) and scopes. A button is
 * drawn only when {@link ScopeTable} would let this caller's POST through, the same row {@code ScopeRule} enforces
 * when the form is sent, so hiding a button is never the only defence.
 */
record Viewer(String name, Set<String> scopes, Optional<String> actor) {

    static Viewer of(HttpRequest<?> request, Authentication authentication) {
        if (authentication == null) {
            return new Viewer("nobody", Set.of(), Optional.empty());
        }
        return new Viewer(authentication.getName(), new TreeSet<>(authentication.getRoles()), Callers.actor(request));
    }

    /** Whether this caller may POST to {@code path}, by the scope table's row for it. */
    boolean mayPost(String path) {
        return ScopeTable.decide("POST", path, flag -> false)
                .scope()
                .map(scope -> scopes.contains(scope.wireName()))
                .orElse(true);
    }

    List<String> scopeList() {
        return List.copyOf(scopes);
    }
}
