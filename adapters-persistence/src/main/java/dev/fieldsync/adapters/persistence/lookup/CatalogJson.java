package dev.fieldsync.adapters.persistence.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupItemMembers;
import dev.fieldsync.domain.lookup.LookupKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A whole {@link LookupCatalog} as one JSON document, so a snapshot loads in one read. Format 2: each lookup under
 * its kind's key, its items with the members the gateway gives them (the domain's {@link LookupKind} reads and
 * writes them), so a new kind needs nothing here. A snapshot of another format is not read: the catalog is then
 * fetched again.
 */
final class CatalogJson {
    static final int VERSION = 2;

    private CatalogJson() {}

    static String write(LookupCatalog catalog) {
        ObjectNode root = Json.object();
        root.put("version", VERSION);
        root.put("fetchedAt", catalog.fetchedAt().toString());
        ObjectNode lookups = root.putObject("lookups");
        LookupKind.all().forEach(kind -> write(lookups.putObject(kind.key()), catalog, kind));
        return Json.write(root);
    }

    /** The snapshot, or empty when it was stored in another format. */
    static Optional<LookupCatalog> read(String text) {
        JsonNode root = Json.read(text, "lookup catalog");
        if (root.path("version").asInt(0) != VERSION) {
            return Optional.empty();
        }
        LookupCatalog.Builder catalog =
                LookupCatalog.fetchedAt(Instant.parse(Json.required(root, "fetchedAt", "lookup catalog")));
        JsonNode lookups = root.path("lookups");
        LookupKind.all().forEach(kind -> read(lookups.path(kind.key()), catalog, kind));
        return Optional.of(catalog.build());
    }

    private static <T> void write(ObjectNode node, LookupCatalog catalog, LookupKind<T> kind) {
        node.put("possiblyTruncated", catalog.possiblyTruncated(kind));
        ArrayNode items = node.putArray("items");
        for (T item : catalog.items(kind)) {
            ObjectNode members = items.addObject();
            kind.members(item).forEach((name, value) -> Json.putOptional(members, name, value));
        }
    }

    private static <T> void read(JsonNode node, LookupCatalog.Builder catalog, LookupKind<T> kind) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : node.path("items")) {
            items.add(kind.read(new StoredMembers(item)));
        }
        catalog.stored(kind, items, node.path("possiblyTruncated").asBoolean(false));
    }

    /** A stored item's members, all strings as written. */
    private record StoredMembers(JsonNode item) implements LookupItemMembers {
        @Override
        public <V> V required(String member, Function<String, V> parse) {
            return parse.apply(Json.required(item, member, "lookup item"));
        }

        @Override
        public <V> Optional<V> optional(String member, Function<String, V> parse) {
            return Json.optional(item, member).map(parse);
        }

        @Override
        public <V> Optional<V> optionalId(String member, Function<String, V> parse) {
            return optional(member, parse);
        }
    }
}
