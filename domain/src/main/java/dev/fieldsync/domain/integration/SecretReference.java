package dev.fieldsync.domain.integration;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a secret (an API key, a webhook signing secret) comes from, never the secret itself: {@code env:NAME} (an
 * environment variable), {@code file:PATH} (a file re-read on change) or {@code property:NAME} (a configuration
 * property, for tests and the demo). Safe to store and to print.
 */
public record SecretReference(Kind kind, String name) {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z0-9][a-z0-9.\\-]{0,199}");
    private static final int MAX_PATH = 1000;

    /** The kinds of source, by their prefix. */
    public enum Kind {
        ENV,
        FILE,
        PROPERTY;

        String prefix() {
            return name().toLowerCase(Locale.ROOT) + ":";
        }
    }

    public SecretReference {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a secret reference names its source after '" + kind.prefix() + "'");
        }
        boolean valid = switch (kind) {
            case ENV -> ENV_NAME.matcher(name).matches();
            case PROPERTY -> PROPERTY_NAME.matcher(name).matches();
            case FILE -> name.length() <= MAX_PATH && name.chars().noneMatch(Character::isISOControl);
        };
        if (!valid) {
            throw new IllegalArgumentException(
                    switch (kind) {
                        case ENV -> "an env: reference names an environment variable (A-Z, 0-9, '_')";
                        case PROPERTY -> "a property: reference names a configuration property (a-z, 0-9, '.', '-')";
                        case FILE -> "a file: reference is a path of at most " + MAX_PATH + " printable characters";
                    });
        }
    }

    /** Parses {@code env:NAME}, {@code file:PATH} or {@code property:NAME}; a bare value is refused, as it may be a secret. */
    public static SecretReference parse(String text) {
        if (text != null) {
            for (Kind kind : Kind.values()) {
                if (text.startsWith(kind.prefix())) {
                    return new SecretReference(
                            kind, text.substring(kind.prefix().length()));
                }
            }
        }
        throw new IllegalArgumentException(
                "a secret is given by reference: env:NAME, file:PATH or property:NAME (never the secret itself)");
    }

    public static SecretReference env(String name) {
        return new SecretReference(Kind.ENV, name);
    }

    public static SecretReference file(String path) {
        return new SecretReference(Kind.FILE, path);
    }

    public static SecretReference property(String name) {
        return new SecretReference(Kind.PROPERTY, name);
    }

    /** The reference as it is written, e.g. {@code env:FIELDSYNC_API_KEY}. */
    @Override
    public String toString() {
        return kind.prefix() + name;
    }
}
