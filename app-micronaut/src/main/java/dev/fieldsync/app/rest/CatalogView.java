package dev.fieldsync.app.rest;

import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup catalog as JSON: {@code fetched_at}, one list per lookup kind under its key ({@code customers},
 * {@code job_types}, ...) with the members the gateway gives its items, and {@code possibly_truncated} (the paths
 * of the lookups that came back at the cap). Built from {@link LookupKind#all()}, so a new kind shows up here.
 */
public final class CatalogView {
    private CatalogView() {}

    public static Map<String, Object> of(LookupCatalog catalog) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("fetched_at", catalog.fetchedAt());
        LookupKind.all().forEach(kind -> view.put(kind.key(), items(catalog, kind)));
        view.put(
                "possibly_truncated",
                catalog.possiblyTruncated().stream()
                        .map(LookupKind::path)
                        .sorted()
                        .toList());
        return view;
    }

    private static <T> List<Map<String, String>> items(LookupCatalog catalog, LookupKind<T> kind) {
        return catalog.items(kind).stream()
                .map(item -> {
                    Map<String, String> members = new LinkedHashMap<>();
                    kind.members(item).forEach((name, value) -> members.put(name, value.orElse(null)));
                    return members;
                })
                .toList();
    }
}
