package dev.fieldsync.app.rest;

import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.validation.Violation;
import dev.fieldsync.ports.in.changes.ReadChanges;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /api/changes} and its stream, checked at once: {@code after} (a sequence, default 0),
 * {@code limit} (1-1000, default 100), {@code kinds} (comma-separated wire names) and {@code wait} (seconds, as
 * {@code 30s} or {@code 30}; at most {@link #MAX_WAIT}). Every problem is reported together.
 */
public record ChangeParameters(long after, int limit, Set<ChangeKind> kinds, Duration waitFor) {
    public static final int DEFAULT_LIMIT = 100;
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    private static final Pattern SECONDS = Pattern.compile("(\\d{1,6})s?");

    public static ChangeParameters parse(String after, String limit, String kinds, String wait) {
        List<Violation> problems = new ArrayList<>();
        long from = sequence("after", after, problems);
        int size = DEFAULT_LIMIT;
        if (present(limit)) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > ReadChanges.MAX_LIMIT) {
                problems.add(Violation.of(
                        "limit",
                        "range",
                        "limit must be a whole number 1-" + ReadChanges.MAX_LIMIT + "; got '" + limit + "'"));
            }
        }
        Set<ChangeKind> wanted = EnumSet.noneOf(ChangeKind.class);
        if (present(kinds)) {
            for (String name : kinds.split(",")) {
                Optional<ChangeKind> kind = ChangeKind.find(name);
                if (kind.isEmpty()) {
                    problems.add(Violation.of(
                            "kinds",
                            "change-kind",
                            "'" + name.strip() + "' is not a change kind; use " + ChangeKind.wireNames()));
                }
                kind.ifPresent(wanted::add);
            }
        }
        Duration waitFor = Duration.ZERO;
        if (present(wait)) {
            Matcher seconds = SECONDS.matcher(wait.strip());
            if (!seconds.matches() || Long.parseLong(seconds.group(1)) > MAX_WAIT.toSeconds()) {
                problems.add(Violation.of(
                        "wait",
                        "duration",
                        "wait must be 0s-" + MAX_WAIT.toSeconds() + "s (e.g. wait=30s); got '" + wait + "'"));
            } else {
                waitFor = Duration.ofSeconds(Long.parseLong(seconds.group(1)));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new ChangeParameters(from, size, wanted, waitFor);
    }

    /** A sequence parameter (or the SSE {@code Last-Event-ID}): absent means 0. */
    static long sequence(String field, String value, List<Violation> problems) {
        if (!present(value)) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(Violation.of(
                field,
                "sequence",
                field + " must be a change sequence (a whole number ≥ 0, e.g. the last one you saw); got '" + value
                        + "'"));
        return 0;
    }

    /** The query that reads the page after {@code sequence} with the same limit and kinds. */
    /** The page after {@code sequence} under {@code changesPath} ({@code /api/changes} or its scoped twin). */
    public String nextLink(String changesPath, long sequence) {
        String kindList = kinds.isEmpty()
                ? ""
                : "&kinds=" + kinds.stream().map(ChangeKind::wireName).collect(Collectors.joining(","));
        return changesPath + "?after=" + sequence + "&limit=" + limit + kindList;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
