package dev.fieldsync.app.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateH2FilesTest {
    @TempDir
    Path temp;

    @Test
    void onlyEmbeddedFileUrlsAreFilesOfOurs() {
        assertThat(PrivateH2Files.databasePath("jdbc:h2:file:/srv/fs/data/fieldsync;MODE=PostgreSQL"))
                .contains(Path.of("/srv/fs/data/fieldsync"));
        assertThat(PrivateH2Files.databasePath("jdbc:h2:./data/fieldsync"))
                .contains(Path.of("data/fieldsync").toAbsolutePath());
        assertThat(PrivateH2Files.databasePath("jdbc:h2:~/fs"))
                .contains(Path.of(System.getProperty("user.home"), "fs"));
        assertThat(PrivateH2Files.databasePath("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"))
                .isEmpty();
        assertThat(PrivateH2Files.databasePath("jdbc:h2:tcp://db/fieldsync")).isEmpty();
        assertThat(PrivateH2Files.databasePath("jdbc:postgresql://127.0.0.1:5432/test"))
                .isEmpty();
    }

    @Test
    void missingDirectoriesAreCreatedOwnerOnlyAndTheDatabaseFilesTightenedAfterOpening() throws Exception {
        Path data = temp.resolve("a/b/data");
        String url = "jdbc:h2:file:" + data.resolve("fieldsync") + ";MODE=PostgreSQL";
        PrivateH2Files.prepare(url);
        assertThat(mode(temp.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(data)).isEqualTo("rwx------");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("CREATE TABLE t (id INT)");
            Path database = data.resolve("fieldsync.mv.db");
            PrivateH2Files.tighten(url);
            List<Path> files;
            try (Stream<Path> listing = Files.list(data)) {
                files = listing.toList();
            }
            assertThat(files).contains(database);
            for (Path file : files) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingDirectoryIsLeftAsItIs() throws Exception {
        Path shared = Files.createDirectory(
                temp.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        PrivateH2Files.prepare("jdbc:h2:file:" + shared.resolve("fieldsync"));
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
        PrivateH2Files.ownDirectory(shared);
        assertThat(mode(shared)).as("a directory the program owns outright").isEqualTo("rwx------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
