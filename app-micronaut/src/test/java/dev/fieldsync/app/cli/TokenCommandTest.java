package dev.fieldsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.app.config.TokenHash;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code fieldsync token new} and {@code token hash}: a random token shown once, to a terminal; hashes only. */
class TokenCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Terminal terminal(boolean interactive) {
        return new Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                interactive);
    }

    @Test
    void aOneWordTokenNameGetsItsEnvironmentLinesToo() {
        int code = FieldsyncCommand.run(terminal(true), "token", "new", "bireports", "--scopes", "read");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("FIELDSYNC_API_TOKENS_BIREPORTS_HASHES=sha256:")
                .contains("FIELDSYNC_API_TOKENS_BIREPORTS_SCOPES=read");
    }

    @Test
    void aNewTokenIsShownOnceWithTheLinesOfItsHash() {
        int code = FieldsyncCommand.run(terminal(true), "token", "new", "bi-reports", "--scopes", "read,write");
        assertThat(code).isEqualTo(ExitCodes.OK);
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher token = Pattern.compile("\\b(fst_[A-Za-z0-9_-]{43})\\b").matcher(text);
        assertThat(token.find()).as("a token of 256 bits in %s", text).isTrue();
        String hash = TokenHash.of(token.group(1)).text();
        assertThat(text)
                .contains("fieldsync.api.tokens.bi-reports.hashes=" + hash)
                .contains("fieldsync.api.tokens.bi-reports.scopes=read,write")
                .contains("cannot be set in the environment")
                .doesNotContain("FIELDSYNC_API_TOKENS_BI");
        assertThat(text.split(Pattern.quote(token.group(1)), -1))
                .as("shown once")
                .hasSize(2);

        out.reset();
        FieldsyncCommand.run(terminal(true), "token", "new", "bi-reports");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(token.group(1));
    }

    @Test
    void withoutATerminalTheTokenIsPrintedOnlyOnRequest() {
        assertThat(FieldsyncCommand.run(terminal(false), "token", "new", "ci")).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stdout is not a terminal", "--show");
        assertThat(FieldsyncCommand.run(terminal(false), "token", "new", "ci", "--show"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("fst_");
    }

    @Test
    void badNamesAndScopesAreRefusedWithTheFix() {
        assertThat(FieldsyncCommand.run(terminal(true), "token", "new", "BI Reports"))
                .isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(FieldsyncCommand.run(terminal(true), "token", "new", "bi", "--scopes", "read,root"))
                .isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the name 'BI Reports' is not allowed")
                .contains("--scopes holds 'root', not a scope; use read, write and/or admin");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theHashOfATokenReadFromStdinIsAllThatIsPrinted() {
        String token = "fst_" + "a".repeat(43);
        TokenCommand.HashToken command = new TokenCommand.HashToken();
        command.stdin = new ByteArrayInputStream((token + "\n").getBytes(StandardCharsets.UTF_8));
        command.terminal(terminal(false));
        assertThat(new CommandLine(command).execute()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo(TokenHash.of(token).text());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        TokenCommand.HashToken empty = new TokenCommand.HashToken();
        empty.stdin = new ByteArrayInputStream(new byte[0]);
        empty.terminal(terminal(false));
        assertThat(new CommandLine(empty).execute()).isEqualTo(ExitCodes.CONFIGURATION);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("stdin held no token");
    }
}
