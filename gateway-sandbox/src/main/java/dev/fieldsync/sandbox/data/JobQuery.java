package dev.fieldsync.sandbox.data;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Filters of the job list, and the cursor position to page on. Null = no filter. */
public record JobQuery(
        Set<State> states,
        Long statusId,
        Long updatedFromMillis,
        Long updatedToMillis,
        Long startFromEpochSecond,
        Long startToEpochSecond,
        Long number,
        int pageSize,
        Long cursorUpdatedAtMillis,
        Long cursorId) {
    public static final Set<State> OPEN = EnumSet.of(State.PENDING, State.SCHEDULED, State.IN_PROGRESS);
    public static final Set<State> CLOSED = EnumSet.of(State.COMPLETED, State.CANCELLED);
    public static final Set<State> ALL = EnumSet.allOf(State.class);

    /** A page; {@code more} tells whether another matching job follows the last one. */
    public record Page(List<Job> jobs, boolean more) {}

    boolean isAfterCursor(Job j) {
        return cursorId == null || Store.ORDER.compare(probe(cursorUpdatedAtMillis, cursorId), j) < 0;
    }

    boolean matches(Job j) {
        if (j.outOfScope || !states.contains(j.status.state())) {
            return false;
        }
        if (statusId != null && j.status.id() != statusId) {
            return false;
        }
        if (updatedFromMillis != null && j.updatedAtMillis < updatedFromMillis) {
            return false;
        }
        if (updatedToMillis != null && j.updatedAtMillis >= updatedToMillis) {
            return false;
        }
        if (startFromEpochSecond != null && j.startEpochSecond < startFromEpochSecond) {
            return false;
        }
        return startToEpochSecond == null || j.startEpochSecond < startToEpochSecond;
    }

    static Job probe(long updatedAtMillis, long id) {
        Job p = new Job(id, 0, null, null, null);
        p.updatedAtMillis = updatedAtMillis;
        return p;
    }
}
