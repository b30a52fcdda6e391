package dev.fieldsync.adapters.persistence.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.Lookup;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.NamedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A whole {@link LookupCatalog} as one JSON document (format version 1), so a snapshot loads in one read. */
final class CatalogJson {
    private static final int VERSION = 1;

    private CatalogJson() {
    }

    static String write(LookupCatalog catalog) {
        ObjectNode root = Json.object();
        root.put("version", VERSION);
        root.put("fetchedAt", catalog.fetchedAt().toString());
        root.set("customers", lookup(catalog.customers()));
        root.set("sites", lookup(catalog.sites()));
        root.set("projects", lookup(catalog.projects()));
        root.set("jobTypes", lookup(catalog.jobTypes()));
        root.set("statuses", lookup(catalog.statuses()));
        ArrayNode fields = root.putArray("customFields");
        for (CustomFieldDef field : catalog.customFields()) {
            ObjectNode node = fields.addObject();
            node.put("externalName", field.externalName());
            node.put("fiFieldId", field.fiFieldId());
            Json.putOptional(node, "jobType", field.jobType().map(JobTypeId::value));
        }
        root.put("customFieldsPossiblyTruncated", catalog.customFieldsPossiblyTruncated());
        return Json.write(root);
    }

    static LookupCatalog read(String text) {
        JsonNode root = Json.read(text, "lookup catalog");
        int version = root.path("version").asInt(0);
        if (version != VERSION) {
            throw new IllegalStateException("stored lookup catalog has format version " + version + ", expected "
                    + VERSION + "; refresh the catalog to replace it");
        }
        List<CustomFieldDef> fields = new ArrayList<>();
        for (JsonNode node : root.path("customFields")) {
            fields.add(new CustomFieldDef(Json.required(node, "externalName", "custom field"),
                    Json.optional(node, "fiFieldId").orElse(""), Json.optional(node, "jobType").map(JobTypeId::of)));
        }
        return new LookupCatalog(Instant.parse(Json.required(root, "fetchedAt", "lookup catalog")),
                lookup(root.path("customers"), CustomerId::of),
                lookup(root.path("sites"), SiteId::of),
                lookup(root.path("projects"), ProjectId::of),
                lookup(root.path("jobTypes"), JobTypeId::of),
                lookup(root.path("statuses"), StatusId::of),
                fields,
                root.path("customFieldsPossiblyTruncated").asBoolean(false));
    }

    private static <I> ObjectNode lookup(Lookup<I> lookup) {
        ObjectNode node = Json.object();
        node.put("possiblyTruncated", lookup.possiblyTruncated());
        ArrayNode items = node.putArray("items");
        for (NamedItem<I> item : lookup.items()) {
            items.addObject().put("id", item.id().toString()).put("name", item.name());
        }
        return node;
    }

    private static <I> Lookup<I> lookup(JsonNode node, Function<String, I> id) {
        List<NamedItem<I>> items = new ArrayList<>();
        for (JsonNode item : node.path("items")) {
            items.add(new NamedItem<>(id.apply(Json.required(item, "id", "lookup item")),
                    Json.optional(item, "name").orElse("")));
        }
        return new Lookup<>(items, node.path("possiblyTruncated").asBoolean(false));
    }
}
