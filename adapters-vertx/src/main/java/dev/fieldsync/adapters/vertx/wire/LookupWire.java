package dev.fieldsync.adapters.vertx.wire;

import dev.fieldsync.domain.lookup.LookupItemMembers;
import dev.fieldsync.domain.lookup.LookupKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads any lookup: {@code { "items": [ ... ] }} (GATEWAY-API.md §5), each item in the shape its kind states. */
public final class LookupWire {
    private LookupWire() {}

    public static <T> List<T> items(WireObject body, LookupKind<T> kind) {
        return body.requireObjects("items", item -> kind.read(new Members(item)));
    }

    /** An item's members: strings, except ids, which may come as numbers; a value the domain refuses names its member. */
    private record Members(WireObject item) implements LookupItemMembers {
        @Override
        public <V> V required(String member, Function<String, V> parse) {
            String text = item.requireString(member);
            return item.convert(member, () -> parse.apply(text));
        }

        @Override
        public <V> Optional<V> optional(String member, Function<String, V> parse) {
            return item.optionalString(member).map(text -> item.convert(member, () -> parse.apply(text)));
        }

        @Override
        public <V> Optional<V> optionalId(String member, Function<String, V> parse) {
            return item.optionalStringOrInteger(member).map(text -> item.convert(member, () -> parse.apply(text)));
        }
    }
}
