package dev.fieldsync.app.rest;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.validation.Violation;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The query string of {@code GET /api/jobs}, as received (each absent parameter null), and the {@link JobSearch}
 * it asks for: every malformed parameter is reported at once, with what it should look like.
 */
@Introspected
public record JobSearchParameters(
        @Nullable @QueryValue String state,
        @Nullable @QueryValue String open,
        @Nullable @QueryValue String status,
        @Nullable @QueryValue String site,
        @Nullable @QueryValue String customer,
        @Nullable @QueryValue String number,
        @Nullable @QueryValue("external_id") String externalId,
        @Nullable @QueryValue("start_from") String startFrom,
        @Nullable @QueryValue("start_to") String startTo,
        @Nullable @QueryValue String title,
        @Nullable @QueryValue("first_seen_from") String firstSeenFrom,
        @Nullable @QueryValue String limit,
        @Nullable @QueryValue String after,
        @Nullable @QueryValue("include_gone") String includeGone) {

    /** The search, or a 400 problem listing every malformed parameter. */
    public JobSearch toSearch() {
        List<Violation> violations = new ArrayList<>();
        JobSearch.Builder search = JobSearch.builder();
        if (state != null) {
            Optional<JobState> parsed = JobState.find(state);
            if (parsed.isPresent()) {
                search.state(parsed.get());
            } else {
                violations.add(Violation.of(
                        "state",
                        "one-of",
                        "state must be one of pending, scheduled, in_progress, completed, cancelled; got '" + state
                                + "'"));
            }
        }
        if (includeGone != null) {
            switch (includeGone.toLowerCase(Locale.ROOT)) {
                case "true" -> search.includeGone(true);
                case "false" -> search.includeGone(false);
                default ->
                    violations.add(Violation.of(
                            "include_gone",
                            "boolean",
                            "include_gone must be true or false; got '" + includeGone + "'"));
            }
        }
        if (open != null) {
            switch (open.toLowerCase(Locale.ROOT)) {
                case "true" -> search.open(true);
                case "false" -> search.open(false);
                default ->
                    violations.add(Violation.of("open", "boolean", "open must be true or false; got '" + open + "'"));
            }
        }
        digits("status", status, violations).ifPresent(v -> search.status(StatusId.of(v)));
        digits("site", site, violations).ifPresent(v -> search.site(SiteId.of(v)));
        digits("customer", customer, violations).ifPresent(v -> search.customer(CustomerId.of(v)));
        if (number != null) {
            try {
                search.number(JobNumber.of(number));
            } catch (IllegalArgumentException bad) {
                violations.add(Violation.of("number", "job-number", bad.getMessage()));
            }
        }
        if (externalId != null) {
            search.externalId(externalId);
        }
        time("start_from", startFrom, violations).ifPresent(search::startFrom);
        time("start_to", startTo, violations).ifPresent(search::startTo);
        if (title != null && !title.isBlank()) {
            search.titleContains(title);
        }
        if (firstSeenFrom != null) {
            try {
                search.firstSeenFrom(Instant.parse(firstSeenFrom));
            } catch (DateTimeParseException bad) {
                violations.add(Violation.of(
                        "first_seen_from",
                        "iso-8601",
                        "first_seen_from must be a UTC instant such as 2026-07-01T00:00:00Z; got '" + firstSeenFrom
                                + "'"));
            }
        }
        if (limit != null) {
            try {
                int parsed = Integer.parseInt(limit);
                if (parsed < 1 || parsed > JobSearch.MAX_LIMIT) {
                    throw new NumberFormatException();
                }
                search.limit(parsed);
            } catch (NumberFormatException bad) {
                violations.add(Violation.of(
                        "limit",
                        "range",
                        "limit must be a whole number from 1 to " + JobSearch.MAX_LIMIT + "; got '" + limit + "'"));
            }
        }
        if (after != null) {
            search.after(after);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return search.build();
    }

    private static Optional<String> digits(String field, String value, List<Violation> violations) {
        if (value == null) {
            return Optional.empty();
        }
        if (!NumericId.isDigits(value)) {
            violations.add(Violation.of(
                    field, "numeric-id", field + " must be a numeric id; got '" + abbreviate(value) + "'"));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static Optional<OffsetDateTime> time(String field, String value, List<Violation> violations) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException bad) {
            violations.add(Violation.of(
                    field,
                    "iso-8601",
                    field + " must be ISO-8601 with an offset such as 2026-07-01T09:00:00+10:00; got '"
                            + abbreviate(value) + "'"));
            return Optional.empty();
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
