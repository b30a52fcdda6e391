package dev.fieldsync.domain.id;

import java.util.regex.Pattern;

/** Names one gateway key's integration; every stored thing and the rate budget are keyed by it. */
public record IntegrationId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public IntegrationId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "integration id must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit");
        }
    }

    public static IntegrationId of(String value) {
        return new IntegrationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
