package dev.fieldsync.domain.submission;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line fieldsync adds to the office-only {@code notes} of a job it creates, such as
 * {@code [fieldsync:ERP-1042]}: the job list never returns {@code external_id}, the scheduling team changes the
 * window and the office may rename the job, but the notes come back on every listed job, so this line is how a
 * create whose answer was lost is found again. It is appended on a line of its own after what the user wrote,
 * which is never changed.
 */
public record SubmissionReference(String externalId) {
    private static final String PREFIX = "[fieldsync:";
    private static final String SUFFIX = "]";
    private static final Pattern ANY = Pattern.compile("\\[fieldsync:([^\\]\\r\\n]{1,64})\\]");

    public SubmissionReference {
        Objects.requireNonNull(externalId, "externalId");
        if (externalId.isEmpty()) {
            throw new IllegalArgumentException("a reference needs an external id");
        }
    }

    public static SubmissionReference of(String externalId) {
        return new SubmissionReference(externalId);
    }

    /** The line itself, e.g. {@code [fieldsync:ERP-1042]}. */
    public String line() {
        return PREFIX + externalId + SUFFIX;
    }

    /** The notes to send: the user's notes, unchanged, then the reference on a line of its own. */
    public String appendTo(Optional<String> notes) {
        return notes.filter(text -> !text.isEmpty())
                .map(text -> text + "\n" + line())
                .orElse(line());
    }

    /** How many characters (code points) the reference adds to these notes. */
    public int addedLength(Optional<String> notes) {
        String added = appendTo(notes);
        return added.codePointCount(0, added.length())
                - notes.map(n -> n.codePointCount(0, n.length())).orElse(0);
    }

    /** Whether these notes carry this reference. */
    public boolean isIn(String notes) {
        return notes != null && notes.contains(line());
    }

    /** Every external id whose reference these notes carry (a job fieldsync created for another submission). */
    public static Set<String> externalIdsIn(String notes) {
        Set<String> found = new LinkedHashSet<>();
        if (notes == null || !notes.contains(PREFIX)) {
            return found;
        }
        Matcher matcher = ANY.matcher(notes);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
