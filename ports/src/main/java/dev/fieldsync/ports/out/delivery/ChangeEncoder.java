package dev.fieldsync.ports.out.delivery;

import dev.fieldsync.domain.change.Change;

/** Writes a change as the JSON document consumers receive (the same document the pull API serves). */
@FunctionalInterface
public interface ChangeEncoder {
    String encode(Change change);
}
