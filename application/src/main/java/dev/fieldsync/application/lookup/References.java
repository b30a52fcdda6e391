package dev.fieldsync.application.lookup;

import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.lookup.Lookup;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.NamedItem;
import dev.fieldsync.domain.lookup.Resolution;
import dev.fieldsync.domain.validation.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns "a name or an id" typed by a person into an id through a cached lookup, or into a violation that
 * lists the candidates (ambiguous) or the near misses ("did you mean ...").
 */
public final class References {
    private References() {}

    /**
     * Resolves {@code reference} for {@code field}; on failure adds one violation to {@code violations} and
     * returns empty.
     */
    public static <I> Optional<I> resolve(
            String field, String reference, Lookup<I> lookup, LookupKind<?> kind, List<Violation> violations) {
        Resolution<I> resolution = lookup.resolve(reference);
        if (resolution instanceof Resolution.Resolved<I> resolved) {
            return Optional.of(resolved.item().id());
        }
        if (resolution instanceof Resolution.Ambiguous<I> ambiguous) {
            violations.add(Violation.of(
                    field,
                    "ambiguous-name",
                    field + " '" + ambiguous.reference() + "' matches "
                            + ambiguous.candidates().size() + " items of " + kind.path() + ": "
                            + describe(ambiguous.candidates(), ", ") + "; give the id instead"));
            return Optional.empty();
        }
        Resolution.Unknown<I> unknown = (Resolution.Unknown<I>) resolution;
        String what = NumericId.isDigits(unknown.reference()) ? "id" : "name";
        StringBuilder message = new StringBuilder(field + " '" + unknown.reference() + "' is not a known " + what
                + " in the cached " + kind.path() + " lookup");
        if (!unknown.suggestions().isEmpty()) {
            message.append("; did you mean ")
                    .append(describeChoices(unknown.suggestions()))
                    .append('?');
        } else {
            message.append(
                    "; list the valid values with 'fieldsync lookups', and refresh them if it was added " + "recently");
        }
        if (lookup.possiblyTruncated()) {
            message.append(" (the lookup returned 100 items, the gateway's cap, so it may be cut off; if the value "
                    + "is right, ask the gateway operator)");
        }
        violations.add(Violation.of(field, "unknown-" + what, message.toString()));
        return Optional.empty();
    }

    private static <I> String describe(List<NamedItem<I>> items, String separator) {
        return items.stream()
                .map(item -> "'" + item.name() + "' (" + item.id() + ")")
                .collect(Collectors.joining(separator));
    }

    private static <I> String describeChoices(List<NamedItem<I>> items) {
        if (items.size() == 1) {
            return describe(items, "");
        }
        return describe(items.subList(0, items.size() - 1), ", ") + " or "
                + describe(items.subList(items.size() - 1, items.size()), "");
    }
}
