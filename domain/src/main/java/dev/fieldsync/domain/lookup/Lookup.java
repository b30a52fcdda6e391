package dev.fieldsync.domain.lookup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One lookup's items as fetched, with the "possibly truncated" flag: the gateway caps lookups at 100 items
 * without paging, so exactly 100 means there may be more we cannot see.
 */
public record Lookup<I>(List<NamedItem<I>> items, boolean possiblyTruncated) {
    private static final int MAX_SUGGESTIONS = 3;
    private static final int MIN_CONTAINED = 3;

    public Lookup {
        items = List.copyOf(items);
    }

    /** Builds a lookup from a fetched list, flagging it when it holds exactly the cap. */
    public static <I> Lookup<I> fetched(List<NamedItem<I>> items) {
        return new Lookup<>(items, items.size() >= LookupKind.CAP);
    }

    public static <I> Lookup<I> empty() {
        return new Lookup<>(List.of(), false);
    }

    public Optional<NamedItem<I>> byId(I id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst();
    }

    /**
     * Resolves an id or a name: an id matches first, then the exact name, then the name ignoring case.
     * Several matches at one level are ambiguous; none gives up to three close names as suggestions.
     */
    public Resolution<I> resolve(String reference) {
        Objects.requireNonNull(reference, "reference");
        String wanted = reference.strip();
        List<NamedItem<I>> byId = items.stream()
                .filter(item -> item.id().toString().equals(wanted))
                .toList();
        if (byId.size() == 1) {
            return new Resolution.Resolved<>(byId.get(0));
        }
        List<NamedItem<I>> exact =
                items.stream().filter(item -> item.name().equals(wanted)).toList();
        if (exact.size() == 1) {
            return new Resolution.Resolved<>(exact.get(0));
        }
        if (exact.size() > 1) {
            return new Resolution.Ambiguous<>(wanted, exact);
        }
        String folded = wanted.toLowerCase(Locale.ROOT);
        List<NamedItem<I>> ignoringCase = items.stream()
                .filter(item -> item.name().toLowerCase(Locale.ROOT).equals(folded))
                .toList();
        if (ignoringCase.size() == 1) {
            return new Resolution.Resolved<>(ignoringCase.get(0));
        }
        if (ignoringCase.size() > 1) {
            return new Resolution.Ambiguous<>(wanted, ignoringCase);
        }
        return new Resolution.Unknown<>(wanted, suggestionsFor(folded));
    }

    /** Adds or replaces an item (a site the kit just created joins the catalog at once). */
    public Lookup<I> with(NamedItem<I> item) {
        List<NamedItem<I>> copy = new ArrayList<>(items);
        copy.removeIf(existing -> existing.id().equals(item.id()));
        copy.add(item);
        return new Lookup<>(copy, possiblyTruncated);
    }

    private List<NamedItem<I>> suggestionsFor(String folded) {
        record Scored<I>(NamedItem<I> item, int distance) {}
        int threshold = Math.max(2, folded.length() / 3);
        return items.stream()
                .map(item -> {
                    String name = item.name().toLowerCase(Locale.ROOT);
                    // Containment counts only for 3+ characters: "" or "a" is contained in almost anything.
                    boolean contained = (folded.length() >= MIN_CONTAINED && name.contains(folded))
                            || (name.length() >= MIN_CONTAINED && folded.contains(name));
                    int distance = contained ? 0 : EditDistance.between(folded, name);
                    return new Scored<>(item, distance);
                })
                .filter(scored -> scored.distance() <= threshold)
                .sorted(Comparator.comparingInt((Scored<I> scored) -> scored.distance())
                        .thenComparing(scored -> scored.item().name()))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::item)
                .toList();
    }
}
