package dev.fieldsync.domain.mirror;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.JobState;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * A query over the mirror. Every filter is optional; results are ordered by job id, highest (newest)
 * first, in slices of {@code limit}; {@code after} is the opaque cursor of the previous slice. Jobs a complete
 * verification sweep marked gone are left out unless {@code includeGone}.
 */
public record JobSearch(
        Optional<JobState> state,
        Optional<Boolean> open,
        Optional<StatusId> status,
        Optional<SiteId> site,
        Optional<CustomerId> customer,
        Optional<JobNumber> number,
        Optional<String> externalId,
        Optional<OffsetDateTime> startFrom,
        Optional<OffsetDateTime> startTo,
        Optional<String> titleContains,
        Optional<String> notesContain,
        Optional<Instant> firstSeenFrom,
        int limit,
        Optional<String> after,
        boolean includeGone) {

    public static final int MAX_LIMIT = 500;

    public JobSearch {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(startFrom, "startFrom");
        Objects.requireNonNull(startTo, "startTo");
        Objects.requireNonNull(titleContains, "titleContains");
        Objects.requireNonNull(notesContain, "notesContain");
        Objects.requireNonNull(firstSeenFrom, "firstSeenFrom");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
    }

    /** A search that leaves gone jobs out (the default listing). */
    public JobSearch(
            Optional<JobState> state,
            Optional<Boolean> open,
            Optional<StatusId> status,
            Optional<SiteId> site,
            Optional<CustomerId> customer,
            Optional<JobNumber> number,
            Optional<String> externalId,
            Optional<OffsetDateTime> startFrom,
            Optional<OffsetDateTime> startTo,
            Optional<String> titleContains,
            Optional<String> notesContain,
            Optional<Instant> firstSeenFrom,
            int limit,
            Optional<String> after) {
        this(
                state,
                open,
                status,
                site,
                customer,
                number,
                externalId,
                startFrom,
                startTo,
                titleContains,
                notesContain,
                firstSeenFrom,
                limit,
                after,
                false);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a search; unset filters match everything. */
    public static final class Builder {
        private Optional<JobState> state = Optional.empty();
        private Optional<Boolean> open = Optional.empty();
        private Optional<StatusId> status = Optional.empty();
        private Optional<SiteId> site = Optional.empty();
        private Optional<CustomerId> customer = Optional.empty();
        private Optional<JobNumber> number = Optional.empty();
        private Optional<String> externalId = Optional.empty();
        private Optional<OffsetDateTime> startFrom = Optional.empty();
        private Optional<OffsetDateTime> startTo = Optional.empty();
        private Optional<String> titleContains = Optional.empty();
        private Optional<String> notesContain = Optional.empty();
        private Optional<Instant> firstSeenFrom = Optional.empty();
        private int limit = 50;
        private Optional<String> after = Optional.empty();
        private boolean includeGone;

        public Builder state(JobState value) {
            state = Optional.of(value);
            return this;
        }
        /** Only open (true) or only closed (false) jobs. */
        public Builder open(boolean value) {
            open = Optional.of(value);
            return this;
        }

        public Builder status(StatusId value) {
            status = Optional.of(value);
            return this;
        }

        public Builder site(SiteId value) {
            site = Optional.of(value);
            return this;
        }

        public Builder customer(CustomerId value) {
            customer = Optional.of(value);
            return this;
        }

        public Builder number(JobNumber value) {
            number = Optional.of(value);
            return this;
        }

        public Builder externalId(String value) {
            externalId = Optional.of(value);
            return this;
        }
        /** Preferred/scheduled start at or after {@code value}. */
        public Builder startFrom(OffsetDateTime value) {
            startFrom = Optional.of(value);
            return this;
        }
        /** Preferred/scheduled start strictly before {@code value}. */
        public Builder startTo(OffsetDateTime value) {
            startTo = Optional.of(value);
            return this;
        }
        /** Case-insensitive substring of the title. */
        public Builder titleContains(String value) {
            titleContains = Optional.of(value);
            return this;
        }
        /** Exact (case-sensitive) substring of the notes, such as fieldsync's reference line. */
        public Builder notesContain(String value) {
            notesContain = Optional.of(value);
            return this;
        }

        public Builder firstSeenFrom(Instant value) {
            firstSeenFrom = Optional.of(value);
            return this;
        }

        public Builder limit(int value) {
            limit = value;
            return this;
        }

        public Builder after(String cursor) {
            after = Optional.ofNullable(cursor).filter(c -> !c.isEmpty());
            return this;
        }

        /** Also the jobs a complete sweep marked gone (they carry their {@code goneAt}). */
        public Builder includeGone(boolean value) {
            includeGone = value;
            return this;
        }

        public JobSearch build() {
            return new JobSearch(
                    state,
                    open,
                    status,
                    site,
                    customer,
                    number,
                    externalId,
                    startFrom,
                    startTo,
                    titleContains,
                    notesContain,
                    firstSeenFrom,
                    limit,
                    after,
                    includeGone);
        }
    }
}
