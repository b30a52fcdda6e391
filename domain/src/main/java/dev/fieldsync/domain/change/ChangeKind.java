package dev.fieldsync.domain.change;

import dev.fieldsync.domain.submission.SubmissionState;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What one entry of the change log says happened; {@link #wireName()} is the name the feed and filters use. */
public enum ChangeKind {
    /** A job the mirror had not seen before. */
    JOB_CREATED("job.created"),
    /** A mirrored job whose content changed, its state unchanged; the entry names the changed members. */
    JOB_CHANGED("job.changed"),
    /** A mirrored job whose state changed (from/to), maybe with other members; the entry names them all. */
    JOB_STATE_CHANGED("job.state_changed"),
    /** A webhook announced a state the next sync pass confirms or replaces (from/to: the shown state). */
    JOB_PROVISIONAL("job.provisional"),
    /** A complete verification sweep no longer found the job: it left the key's scope (the job as last mirrored). */
    JOB_GONE("job.gone"),
    /** A job marked gone was listed again (by a sync pass or a sweep): it is back in the mirror's listings. */
    JOB_RETURNED("job.returned"),
    SUBMISSION_PENDING("submission.pending"),
    SUBMISSION_SENDING("submission.sending"),
    SUBMISSION_CREATED("submission.created"),
    SUBMISSION_OUTCOME_UNKNOWN("submission.outcome_unknown"),
    SUBMISSION_NEEDS_REVIEW("submission.needs_review"),
    SUBMISSION_FAILED("submission.failed"),
    SUBMISSION_ABANDONED("submission.abandoned");

    private final String wireName;

    ChangeKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the job kinds (they always name a job); false for the submission kinds. */
    public boolean isJobKind() {
        return wireName.startsWith("job.");
    }

    /** The kind written when a submission reaches {@code state}. */
    public static ChangeKind reached(SubmissionState state) {
        return valueOf("SUBMISSION_" + state.name());
    }

    /** The kind with this wire name (case-insensitive), if any. */
    public static Optional<ChangeKind> find(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        String wanted = wireName.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.wireName.equals(wanted)).findFirst();
    }

    /** Every wire name, comma-separated (for error messages and documentation). */
    public static String wireNames() {
        return Arrays.stream(values()).map(ChangeKind::wireName).collect(Collectors.joining(", "));
    }
}
