package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.JobId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque search cursor of {@link InMemoryJobs}: the last job id of the previous slice. */
final class MirrorCursor {
    private static final String CURSOR_PREFIX = "mirror:";

    private MirrorCursor() {}

    static String encode(JobId last) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + last.value()).getBytes(StandardCharsets.UTF_8));
    }

    static JobId decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_PREFIX)) {
                throw new IllegalArgumentException("not a mirror cursor");
            }
            return JobId.of(text.substring(CURSOR_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "search cursor '" + cursor + "' is not one this mirror issued; "
                            + "pass the nextCursor of the previous slice, or omit 'after' to start from the newest job",
                    e);
        }
    }
}
