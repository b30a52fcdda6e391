package dev.fieldsync.adapters.vertx.key;

import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keys from a file (a mounted secret): one key per line, the current key first and, during a rotation, the
 * next key on the second line; blank lines and lines starting with '#' are ignored, whitespace is trimmed.
 * The file is re-read whenever its modification time or size changes, so a rotation needs no restart.
 * Thread-safe.
 */
public final class FileKeySource implements KeySource {
    private final Path file;
    private Snapshot snapshot;

    private record Snapshot(FileTime modified, long size, List<ApiKey> keys) {}

    public FileKeySource(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public synchronized List<ApiKey> keys() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new KeyUnavailableException("cannot read the key file " + file.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + "); check the path and its permissions");
        }
        if (snapshot != null
                && snapshot.modified().equals(attributes.lastModifiedTime())
                && snapshot.size() == attributes.size()) {
            return snapshot.keys();
        }
        List<ApiKey> keys = read();
        snapshot = new Snapshot(attributes.lastModifiedTime(), attributes.size(), keys);
        return keys;
    }

    private List<ApiKey> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyUnavailableException("cannot read the key file " + file.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + "); check the path and its permissions");
        }
        List<ApiKey> keys = new ArrayList<>(2);
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (keys.size() == 2) {
                throw new KeyUnavailableException("the key file " + file.toAbsolutePath() + " has more than two keys "
                        + "(line " + lineNumber + "); keep the current key first and at most one next key");
            }
            keys.add(KeyTexts.parse(text, "key file " + file.toAbsolutePath() + " line " + lineNumber));
        }
        if (keys.isEmpty()) {
            throw new KeyUnavailableException("the key file " + file.toAbsolutePath() + " holds no key; put the key "
                    + "the gateway operator gave you on its first line");
        }
        return List.copyOf(keys);
    }

    @Override
    public String describe() {
        return "key file " + file.toAbsolutePath();
    }

    @Override
    public String toString() {
        return "FileKeySource[" + file + "]";
    }
}
