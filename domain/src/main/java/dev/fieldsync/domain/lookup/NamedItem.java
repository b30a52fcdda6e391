package dev.fieldsync.domain.lookup;

import java.util.Objects;

/** One lookup item: an id and the name shown to people. */
public record NamedItem<I>(I id, String name) {
    public NamedItem {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
    }
}
