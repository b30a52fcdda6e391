package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.Scope;
import dev.fieldsync.app.config.TokenHash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The API's tokens, for the operator: {@code token new NAME} makes a random token and prints it once, to the
 * terminal, with the configuration lines of its hash; {@code token hash} prints the hash of a token read from
 * stdin. Neither logs anything; the service is configured with hashes only.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Makes API tokens and their hashes (the service is configured with hashes, never tokens).",
        subcommands = {TokenCommand.NewToken.class, TokenCommand.HashToken.class})
class TokenCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A new token: 32 random bytes (256 bits), base64url, after a prefix that says what it is. */
    @Command(
            name = "new",
            mixinStandardHelpOptions = true,
            description = "Makes a random token for NAME and prints it once, to the terminal, with the lines that "
                    + "configure its hash.")
    static class NewToken implements Callable<Integer>, TerminalAware {
        static final String PREFIX = "fst_";
        private static final SecureRandom RANDOM = new SecureRandom();
        private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
        /** A name the environment can carry: FIELDSYNC_API_TOKENS_<NAME>_HASHES has no other '_' to misread. */
        private static final Pattern ONE_WORD = Pattern.compile("[a-z0-9]+");

        @Parameters(index = "0", description = "The token's name, recorded on its writes (e.g. bi-reports).")
        String name;

        @Option(
                names = "--scopes",
                defaultValue = "read",
                description = "read, write and/or admin, comma-separated (default: read).")
        String scopes;

        @Option(
                names = "--show",
                description = "Print the token even when stdout is not a terminal (a file or a pipe then holds it).")
        boolean show;

        private Terminal terminal;

        @Override
        public void terminal(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() {
            if (!NAME.matcher(name).matches()) {
                terminal.err()
                        .println("token new: the name '" + name + "' is not allowed; use 1-63 characters of "
                                + "a-z, 0-9, '_' or '-' (e.g. bi-reports)");
                return ExitCodes.CONFIGURATION;
            }
            String checkedScopes;
            try {
                checkedScopes = Arrays.stream(scopes.split(","))
                        .map(item -> Scope.fromWireName(item).orElseThrow(() -> new IllegalArgumentException(item)))
                        .distinct()
                        .map(Scope::wireName)
                        .collect(Collectors.joining(","));
            } catch (IllegalArgumentException unknown) {
                terminal.err()
                        .println("token new: --scopes holds '"
                                + unknown.getMessage().strip()
                                + "', not a scope; use read, write and/or admin (e.g. --scopes read,write)");
                return ExitCodes.CONFIGURATION;
            }
            if (!terminal.interactive() && !show) {
                terminal.err()
                        .println("token new: stdout is not a terminal, and the token is shown to the terminal "
                                + "only; run it in a terminal, or add --show to write it where stdout goes");
                return ExitCodes.CONFIGURATION;
            }
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            String hash = TokenHash.of(token).text();
            String variable = "FIELDSYNC_API_TOKENS_" + name.toUpperCase(Locale.ROOT);
            terminal.out().println("Token '" + name + "' (shown this once; the service keeps only its hash):");
            terminal.out().println("  " + token);
            terminal.out().println("Configure the service with its hash and scopes:");
            terminal.out().println("  fieldsync.api.tokens." + name + ".hashes=" + hash);
            terminal.out().println("  fieldsync.api.tokens." + name + ".scopes=" + checkedScopes);
            if (ONE_WORD.matcher(name).matches()) {
                terminal.out().println("or in the environment:");
                terminal.out().println("  " + variable + "_HASHES=" + hash);
                terminal.out().println("  " + variable + "_SCOPES=" + checkedScopes);
            } else {
                // The environment cannot tell "bi-reports" from the setting's own dots: FIELDSYNC_API_TOKENS_BI_...
                // would read as a token "bi". Say so rather than print lines that do not work.
                terminal.out()
                        .println("(a name with '-' or '_' cannot be set in the environment; use the lines above "
                                + "with -D or in application.yml, or a name of letters and digits only)");
            }
            terminal.out()
                    .println("Rotating " + name + "'s token: list the new hash after the old one (comma-"
                            + "separated); remove the old one once its clients have moved.");
            return ExitCodes.OK;
        }
    }

    /** The hash of a token read from stdin (a file or a pipe: the token never appears in a command line). */
    @Command(
            name = "hash",
            mixinStandardHelpOptions = true,
            description = "Reads a token from stdin and prints only its hash, sha256:<hex> "
                    + "(e.g. fieldsync token hash < token-file).")
    static class HashToken implements Callable<Integer>, TerminalAware {
        InputStream stdin = System.in;
        private Terminal terminal;

        @Override
        public void terminal(Terminal terminal) {
            this.terminal = terminal;
        }

        @Override
        public Integer call() throws IOException {
            String token = new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                terminal.err()
                        .println("token hash: stdin held no token; pipe one in (fieldsync token hash < token-file)");
                return ExitCodes.CONFIGURATION;
            }
            if (token.chars().anyMatch(Character::isWhitespace)) {
                terminal.err().println("token hash: stdin held more than one word; a token is one line without spaces");
                return ExitCodes.CONFIGURATION;
            }
            if (token.length() < 32) {
                terminal.err()
                        .println("token hash: the token is " + token.length() + " characters; a hash protects "
                                + "only a random token (fieldsync token new makes one of 256 bits)");
            }
            terminal.out().println(TokenHash.of(token).text());
            return ExitCodes.OK;
        }
    }
}
