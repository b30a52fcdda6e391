package dev.fieldsync.domain.lookup;

import java.util.List;

/** The answer to "which id does this name or id mean?". */
public sealed interface Resolution<I> {

    /** Exactly one item matched. */
    record Resolved<I>(NamedItem<I> item) implements Resolution<I> {}

    /** Several items share the name; the caller must pick one by id. */
    record Ambiguous<I>(String reference, List<NamedItem<I>> candidates) implements Resolution<I> {
        public Ambiguous {
            candidates = List.copyOf(candidates);
        }
    }

    /** Nothing matched; {@code suggestions} holds the closest names, best first (possibly none). */
    record Unknown<I>(String reference, List<NamedItem<I>> suggestions) implements Resolution<I> {
        public Unknown {
            suggestions = List.copyOf(suggestions);
        }
    }
}
