package dev.fieldsync.adapters.vertx.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.adapters.vertx.testing.Keys;
import dev.fieldsync.domain.key.ApiKey;
import dev.fieldsync.ports.out.gateway.KeyUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeySourcesTest {
    private static final String MALFORMED = "sk_live_notOurFormatSecret99";

    @Test
    void environmentGivesTheCurrentKeyAndTheNextOneDuringARotation() {
        Map<String, String> env = new HashMap<>(Map.of("FIELDSYNC_API_KEY", " " + Keys.CURRENT_TEXT + "\n"));
        EnvironmentKeySource source = new EnvironmentKeySource("FIELDSYNC_API_KEY", env::get);

        assertThat(source.keys()).containsExactly(Keys.CURRENT);
        env.put("FIELDSYNC_API_KEY_NEXT", Keys.NEXT_TEXT);
        assertThat(source.keys()).containsExactly(Keys.CURRENT, Keys.NEXT);
        assertThat(source.describe()).contains("FIELDSYNC_API_KEY").doesNotContain(Keys.CURRENT_TEXT);
    }

    @Test
    void environmentExplainsAMissingOrMalformedKeyWithoutQuotingIt() {
        Map<String, String> env = new HashMap<>();
        EnvironmentKeySource source = new EnvironmentKeySource("MY_KEY", env::get);

        assertThatThrownBy(source::keys)
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("MY_KEY is not set");
        env.put("MY_KEY", MALFORMED);
        assertThatThrownBy(source::keys)
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("MY_KEY")
                .hasMessageContaining("fi_pk_")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MALFORMED));
    }

    @Test
    void aFileIsTrimmedAndReReadWhenItChanges(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("key");
        Files.writeString(file, "# gateway key\n  " + Keys.CURRENT_TEXT + "  \n\n");
        FileKeySource source = new FileKeySource(file);

        assertThat(source.keys()).containsExactly(Keys.CURRENT);

        Files.writeString(file, Keys.CURRENT_TEXT + "\n" + Keys.NEXT_TEXT + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(source.keys()).containsExactly(Keys.CURRENT, Keys.NEXT);

        Files.writeString(file, Keys.NEXT_TEXT);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(source.keys()).containsExactly(Keys.NEXT);
    }

    @Test
    void aFileThatIsMissingEmptyOrMalformedIsAClearError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("key");
        FileKeySource source = new FileKeySource(file);
        assertThatThrownBy(source::keys)
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("cannot read");

        Files.writeString(file, "\n# nothing\n");
        assertThatThrownBy(source::keys).hasMessageContaining("holds no key");

        Files.writeString(file, MALFORMED + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThatThrownBy(source::keys)
                .hasMessageContaining("line 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MALFORMED));
    }

    @Test
    void fixedAndRotatingSources() {
        assertThat(FixedKeySource.of(Keys.CURRENT_TEXT, Keys.NEXT_TEXT).keys())
                .containsExactly(Keys.CURRENT, Keys.NEXT);
        assertThatThrownBy(() -> FixedKeySource.of(MALFORMED))
                .isInstanceOf(KeyUnavailableException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(MALFORMED));
        assertThatThrownBy(FixedKeySource::new).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FixedKeySource(Keys.CURRENT).toString()).doesNotContain(Keys.CURRENT_TEXT);

        Map<String, String> env = new HashMap<>(Map.of("CUR", Keys.CURRENT_TEXT));
        RotatingKeySource rotating = new RotatingKeySource(
                new EnvironmentKeySource("CUR", env::get), new EnvironmentKeySource("NXT", env::get));
        assertThat(rotating.keys()).containsExactly(Keys.CURRENT);
        env.put("NXT", Keys.NEXT_TEXT);
        assertThat(rotating.keys()).containsExactly(Keys.CURRENT, Keys.NEXT);
        env.remove("CUR");
        assertThat(rotating.keys()).containsExactly(Keys.NEXT);
        env.remove("NXT");
        assertThatThrownBy(rotating::keys)
                .isInstanceOf(KeyUnavailableException.class)
                .hasMessageContaining("CUR")
                .hasMessageContaining("NXT");
    }

    @Test
    void aKeyNeverShowsItselfInFull() {
        ApiKey key = Keys.CURRENT;
        assertThat(key.toString()).doesNotContain(Keys.CURRENT_TEXT).endsWith("1111");
    }
}
