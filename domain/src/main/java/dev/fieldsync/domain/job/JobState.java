package dev.fieldsync.domain.job;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lifecycle state behind a job status (GATEWAY-API.md §9): pending is the only editable one. */
public enum JobState {
    PENDING("pending", true),
    SCHEDULED("scheduled", true),
    IN_PROGRESS("in_progress", true),
    COMPLETED("completed", false),
    CANCELLED("cancelled", false),
    /** A state the documentation does not name; kept so a new gateway state never breaks a sync. */
    UNKNOWN("unknown", true);

    private final String wireName;
    private final boolean open;

    JobState(String wireName, boolean open) {
        this.wireName = wireName;
        this.open = open;
    }

    public String wireName() {
        return wireName;
    }

    /** Open jobs are listed under {@code state=open}; closed ones under {@code state=closed}. */
    public boolean isOpen() {
        return open;
    }

    /** Only pending jobs may be patched or cancelled through the gateway. */
    public boolean isEditable() {
        return this == PENDING;
    }

    /** Maps a wire value; anything undocumented becomes {@link #UNKNOWN}. */
    public static JobState fromWire(String value) {
        return find(value).orElse(UNKNOWN);
    }

    /** Maps a wire value when it is one of the documented states. */
    public static Optional<JobState> find(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s != UNKNOWN && s.wireName.equals(wanted))
                .findFirst();
    }
}
