package dev.fieldsync.adapters.vertx.wire;

import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.NamedItem;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads the six lookups: {@code { "items": [ ... ] }} (GATEWAY-API.md §5). */
public final class LookupWire {
    private LookupWire() {
    }

    /** Items of shape {@code { "id", "name" }}; {@code idOf} builds the typed id (digits only). */
    public static <I> List<NamedItem<I>> namedItems(WireObject body, Function<String, I> idOf) {
        return body.requireObjects("items", item -> {
            I id = item.convert("id", () -> idOf.apply(item.requireString("id")));
            return new NamedItem<>(id, item.optionalString("name").orElse(""));
        });
    }

    /** Items of shape {@code { "external_name", "fi_field_id", "job_type_id" }}; a null job type means any. */
    public static List<CustomFieldDef> customFields(WireObject body) {
        return body.requireObjects("items", item -> {
            String name = item.requireString("external_name");
            String fieldId = item.optionalStringOrInteger("fi_field_id").orElse("");
            Optional<JobTypeId> jobType = item.optionalStringOrInteger("job_type_id")
                    .map(v -> item.convert("job_type_id", () -> JobTypeId.of(v)));
            return new CustomFieldDef(name, fieldId, jobType);
        });
    }
}
