package dev.fieldsync.domain.lookup;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One of the gateway's lookups (GATEWAY-API.md §5), typed by its items: its path, the request member its ids
 * feed, and how one item reads and writes. This table is the only place the lookups are listed: the catalog,
 * the gateway port, the adapters, the verifier and the views all go through {@link #all()}.
 *
 * @param <T> the type of one item
 */
public sealed class LookupKind<T> permits LookupKind.Named {
    public static final Named<CustomerId> CUSTOMERS = new Named<>("/v1/customers", "customer", CustomerId::of);
    public static final Named<SiteId> SITES = new Named<>("/v1/sites", "site", SiteId::of);
    public static final Named<ProjectId> PROJECTS = new Named<>("/v1/projects", "project", ProjectId::of);
    public static final Named<JobTypeId> JOB_TYPES = new Named<>("/v1/job-types", "job_type", JobTypeId::of);
    public static final Named<StatusId> JOB_STATUSES = new Named<>("/v1/job-statuses", "status", StatusId::of);
    public static final LookupKind<CustomFieldDef> CUSTOM_FIELDS =
            new LookupKind<>("/v1/custom-fields", "custom_fields", CustomFieldDef::read, CustomFieldDef::members);

    /** Every lookup is capped at this many items per call, without paging. */
    public static final int CAP = 100;

    private static final List<LookupKind<?>> ALL =
            List.of(CUSTOMERS, SITES, PROJECTS, JOB_TYPES, JOB_STATUSES, CUSTOM_FIELDS);

    private final String path;
    private final String field;
    private final Function<LookupItemMembers, T> reader;
    private final Function<T, Map<String, Optional<String>>> writer;

    private LookupKind(
            String path,
            String field,
            Function<LookupItemMembers, T> reader,
            Function<T, Map<String, Optional<String>>> writer) {
        this.path = Objects.requireNonNull(path, "path");
        this.field = Objects.requireNonNull(field, "field");
        this.reader = reader;
        this.writer = writer;
    }

    /** The six lookups, in the order the gateway's guide lists them. */
    public static List<LookupKind<?>> all() {
        return ALL;
    }

    /** The lookup whose {@link #key()} this is. */
    public static Optional<LookupKind<?>> byKey(String key) {
        return ALL.stream().filter(kind -> kind.key().equals(key)).findFirst();
    }

    public String path() {
        return path;
    }

    /** The request or filter member that takes this lookup's ids. */
    public String field() {
        return field;
    }

    /** The name of its list in JSON documents: {@code job_types} for {@code /v1/job-types}. */
    public String key() {
        return path.substring(path.lastIndexOf('/') + 1).replace('-', '_');
    }

    /** What a person calls it: {@code Job types}. */
    public String label() {
        String words = path.substring(path.lastIndexOf('/') + 1).replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    /** Reads one item from its members as the gateway names them. */
    public T read(LookupItemMembers members) {
        return reader.apply(members);
    }

    /** One item's members as the gateway names them, in the documented order; empty means null on the wire. */
    public Map<String, Optional<String>> members(T item) {
        return writer.apply(item);
    }

    @Override
    public String toString() {
        return key().toUpperCase(Locale.ROOT);
    }

    /** A lookup of {@code {"id", "name"}} items whose ids are {@code I}; names resolve to ids through it. */
    public static final class Named<I> extends LookupKind<NamedItem<I>> {
        private final Function<String, I> idOf;

        private Named(String path, String field, Function<String, I> idOf) {
            super(
                    path,
                    field,
                    members -> new NamedItem<>(
                            members.required("id", idOf),
                            members.optional("name", Function.identity()).orElse("")),
                    Named::write);
            this.idOf = idOf;
        }

        /** The typed id of a digit string; throws IllegalArgumentException for anything else. */
        public I id(String text) {
            return idOf.apply(text);
        }

        private static <I> Map<String, Optional<String>> write(NamedItem<I> item) {
            Map<String, Optional<String>> members = new LinkedHashMap<>();
            members.put("id", Optional.of(item.id().toString()));
            members.put("name", Optional.of(item.name()));
            return members;
        }
    }
}
