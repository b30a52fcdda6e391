package dev.fieldsync.domain.submission;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a person may do with a submission that fieldsync could not settle alone: say which job it became,
 * send it again (explicitly, recorded), or give it up. Allowed only from the states listed.
 */
public enum OperatorAction {
    /** "This submission became job N": CREATED with that job id. */
    CONFIRM(
            "confirm",
            EnumSet.of(SubmissionState.NEEDS_REVIEW, SubmissionState.OUTCOME_UNKNOWN, SubmissionState.FAILED)),
    /** Send it again now, knowing it may create a second job. */
    RESEND("resend", EnumSet.of(SubmissionState.NEEDS_REVIEW, SubmissionState.OUTCOME_UNKNOWN, SubmissionState.FAILED)),
    /** Give it up: never sent again. */
    ABANDON(
            "abandon",
            EnumSet.of(SubmissionState.NEEDS_REVIEW, SubmissionState.OUTCOME_UNKNOWN, SubmissionState.FAILED));

    private final String word;
    private final Set<SubmissionState> allowedFrom;

    OperatorAction(String word, Set<SubmissionState> allowedFrom) {
        this.word = word;
        this.allowedFrom = Set.copyOf(allowedFrom);
    }

    /** The action as the API and the CLI spell it. */
    public String word() {
        return word;
    }

    public Set<SubmissionState> allowedFrom() {
        return allowedFrom;
    }

    public boolean allowedIn(SubmissionState state) {
        return allowedFrom.contains(state);
    }

    /** The states this action is allowed from, as the API spells them ("needs_review, outcome_unknown, failed"). */
    public String allowedStatesText() {
        return allowedFrom.stream()
                .sorted()
                .map(s -> s.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    public static Optional<OperatorAction> byWord(String word) {
        for (OperatorAction action : values()) {
            if (action.word.equalsIgnoreCase(word)) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
