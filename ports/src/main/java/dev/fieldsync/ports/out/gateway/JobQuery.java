package dev.fieldsync.ports.out.gateway;

import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.StatusId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** The filters of {@code GET /v1/jobs} (GATEWAY-API.md §6). */
public record JobQuery(
        StateFilter state,
        Optional<StatusId> status,
        Optional<Instant> updatedFrom,
        Optional<Instant> updatedTo,
        Optional<OffsetDateTime> startFrom,
        Optional<OffsetDateTime> startTo,
        Optional<JobNumber> number,
        int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 25;
    public static final int MAX_PAGE_SIZE = 100;

    /** The {@code state} filter. */
    public enum StateFilter {
        OPEN("open"),
        CLOSED("closed"),
        ALL("all");

        private final String wireName;

        StateFilter(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public JobQuery {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updatedFrom, "updatedFrom");
        Objects.requireNonNull(updatedTo, "updatedTo");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(startTo, "startTo");
        Objects.requireNonNull(number, "number");
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page size must be 1-" + MAX_PAGE_SIZE + ", got " + pageSize);
        }
    }

    /** Open jobs, default page size: the gateway's defaults. */
    public static JobQuery open() {
        return new JobQuery(
                StateFilter.OPEN,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_PAGE_SIZE);
    }

    /** Every job updated in {@code [from, to)}, in the largest pages: what a sync pass asks. */
    public static JobQuery updatedBetween(Instant from, Instant to) {
        return new JobQuery(
                StateFilter.ALL,
                Optional.empty(),
                Optional.of(from),
                Optional.of(to),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                MAX_PAGE_SIZE);
    }

    /** Every job the key can see, in the largest pages: what the verification sweep asks. */
    public static JobQuery everything() {
        return new JobQuery(
                StateFilter.ALL,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                MAX_PAGE_SIZE);
    }

    public JobQuery withPageSize(int size) {
        return new JobQuery(state, status, updatedFrom, updatedTo, startFrom, startTo, number, size);
    }

    public JobQuery withState(StateFilter newState) {
        return new JobQuery(newState, status, updatedFrom, updatedTo, startFrom, startTo, number, pageSize);
    }

    public JobQuery withStatus(StatusId newStatus) {
        return new JobQuery(
                state, Optional.of(newStatus), updatedFrom, updatedTo, startFrom, startTo, number, pageSize);
    }

    public JobQuery withNumber(JobNumber newNumber) {
        return new JobQuery(
                state, status, updatedFrom, updatedTo, startFrom, startTo, Optional.of(newNumber), pageSize);
    }

    public JobQuery withStartBetween(OffsetDateTime from, OffsetDateTime to) {
        return new JobQuery(
                state, status, updatedFrom, updatedTo, Optional.of(from), Optional.of(to), number, pageSize);
    }
}
