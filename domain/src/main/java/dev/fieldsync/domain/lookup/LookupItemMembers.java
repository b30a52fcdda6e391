package dev.fieldsync.domain.lookup;

import java.util.Optional;
import java.util.function.Function;

/**
 * The members of one lookup item, by the names the gateway gives them: what an adapter hands
 * {@link LookupKind#read} so the item shapes of GATEWAY-API.md §5 are stated once, in the domain. A member the
 * parser refuses (it throws IllegalArgumentException) is reported by the adapter with the member's name.
 */
public interface LookupItemMembers {

    /** A required string member, parsed; absent, null or of another type is the adapter's error. */
    <V> V required(String member, Function<String, V> parse);

    /** An optional string member, parsed; absent or null is empty. */
    <V> Optional<V> optional(String member, Function<String, V> parse);

    /** An optional id member, which some gateways send as a JSON number instead of a string of digits. */
    <V> Optional<V> optionalId(String member, Function<String, V> parse);
}
