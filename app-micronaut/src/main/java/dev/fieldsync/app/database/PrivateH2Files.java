package dev.fieldsync.app.database;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded H2 database (customer names, addresses, notes, webhook bodies) private to the user the
 * service runs as: the directories it creates are owner-only (700) and the database's files are made owner-only
 * (600) once H2 has opened them. An existing directory is left as it is, with a warning when others may read it.
 * PostgreSQL, in-memory and server URLs are not files of ours and are left alone.
 */
public final class PrivateH2Files {
    static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = LoggerFactory.getLogger(PrivateH2Files.class);
    private static final List<String> NOT_FILES = List.of("mem:", "tcp:", "ssl:", "zip:");

    private PrivateH2Files() {}

    /** The path H2 adds {@code .mv.db} to, for an embedded file URL ({@code jdbc:h2:file:./data/fieldsync;...}). */
    public static Optional<Path> databasePath(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring(8);
        int options = name.indexOf(';');
        name = options < 0 ? name : name.substring(0, options);
        String lower = name.toLowerCase(Locale.ROOT);
        if (NOT_FILES.stream().anyMatch(lower::startsWith)) {
            return Optional.empty();
        }
        name = lower.startsWith("file:") ? name.substring(5) : name;
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(name).toAbsolutePath().normalize());
    }

    /** Before H2 opens the database: creates its missing directories owner-only. */
    public static void prepare(String jdbcUrl) {
        databasePath(jdbcUrl).map(Path::getParent).ifPresent(PrivateH2Files::privateDirectories);
    }

    /** After H2 opened the database: its files ({@code name.mv.db}, {@code name.trace.db}, ...) owner-only. */
    public static void tighten(String jdbcUrl) {
        Optional<Path> database = databasePath(jdbcUrl);
        if (database.isEmpty() || !posix() || !Files.isDirectory(database.get().getParent())) {
            return;
        }
        String prefix = database.get().getFileName() + ".";
        try (Stream<Path> files = Files.list(database.get().getParent())) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix))
                    .filter(Files::isRegularFile)
                    .toList()) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
        } catch (IOException | SecurityException failure) {
            LOG.warn(
                    "could not make the database files {}* readable by their owner only: {}",
                    database.get(),
                    failure.getMessage());
        }
    }

    /** A directory this program owns outright (the demo's): created, or narrowed to, owner-only. */
    public static void ownDirectory(Path directory) throws IOException {
        privateDirectories(directory);
        if (posix()) {
            Files.setPosixFilePermissions(directory, OWNER_DIRECTORY);
        }
    }

    /** Creates {@code directory} and its missing parents as 700; warns about an existing one others can enter. */
    static void privateDirectories(Path directory) {
        if (!posix()) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path current = directory; current != null && !Files.exists(current); current = current.getParent()) {
            missing.add(0, current);
        }
        try {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY);
            for (Path create : missing) {
                Files.createDirectory(create, ownerOnly);
                Files.setPosixFilePermissions(create, OWNER_DIRECTORY); // the umask may have narrowed the attribute
            }
            if (missing.isEmpty() && openToOthers(directory)) {
                LOG.warn(
                        "the database directory {} can be read by other users ({}); run: chmod 700 {}",
                        directory,
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)),
                        directory);
            }
        } catch (IOException | SecurityException failure) {
            LOG.warn(
                    "could not create the database directory {} readable by its owner only: {}",
                    directory,
                    failure.getMessage());
        }
    }

    private static boolean openToOthers(Path directory) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        return permissions.stream()
                .anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
