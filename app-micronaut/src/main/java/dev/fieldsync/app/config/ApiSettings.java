package dev.fieldsync.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the API's credentials: {@code fieldsync.api.token} (the {@code default} token, every scope) and the named
 * tokens {@code fieldsync.api.tokens.<name>.hashes} / {@code .scopes}, and JWT validation
 * ({@code fieldsync.api.jwt.*}), each checked with a message that names
 * the property and the fix.
 */
final class ApiSettings {
    static final String TOKEN = "fieldsync.api.token";
    static final String TOKENS = "fieldsync.api.tokens";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private ApiSettings() {}

    static FieldsyncSettings.Api read(PropertyValues values) {
        List<ApiToken> tokens = new ArrayList<>();
        values.raw(TOKEN).ifPresent(token -> tokens.add(defaultToken(token)));
        for (String name : values.entries(TOKENS)) {
            named(values, name).ifPresent(tokens::add);
        }
        refuseSharedHashes(tokens);
        return new FieldsyncSettings.Api(tokens, jwt(values));
    }

    static final String JWT = "fieldsync.api.jwt";

    /** JWT bearer tokens: every property is read (and defaulted) whether or not the JWKS URL is set. */
    private static Optional<JwtSettings> jwt(PropertyValues values) {
        Optional<String> url = values.raw(JWT + ".jwks-url");
        Optional<String> issuer = values.raw(JWT + ".issuer");
        Optional<String> audience = values.raw(JWT + ".audience");
        String claim = values.text(JWT + ".scope-claim", "scope");
        Map<String, Scope> meaning = new HashMap<>();
        for (Scope scope : Scope.values()) {
            String property = JWT + "." + scope.wireName() + "-values";
            for (String value : items(values.text(property, "fieldsync:" + scope.wireName()))) {
                Scope other = meaning.putIfAbsent(value, scope);
                if (other != null && other != scope) {
                    throw new ConfigurationProblem(
                            property,
                            "holds '" + value + "', which " + JWT + "." + other.wireName() + "-values holds too",
                            "give each scope its own claim values");
                }
            }
        }
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI jwks = jwksUrl(url.get());
        String needed = "JWTs are checked against them: set the value your identity provider puts in the token";
        return Optional.of(new JwtSettings(
                jwks,
                issuer.orElseThrow(() -> new ConfigurationProblem(JWT + ".issuer", "is not set", needed + " (iss)")),
                audience.orElseThrow(() ->
                        new ConfigurationProblem(JWT + ".audience", "is not set", needed + " for fieldsync (aud)")),
                claim,
                meaning));
    }

    private static URI jwksUrl(String text) {
        String property = JWT + ".jwks-url";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException malformed) {
            throw new ConfigurationProblem(
                    property,
                    "is not a URL",
                    "use your identity provider's jwks_uri, e.g. https://idp.example.com/.well-known/jwks.json");
        }
        boolean loopback = "http".equals(uri.getScheme())
                && uri.getHost() != null
                && (uri.getHost().equals("localhost")
                        || uri.getHost().equals("127.0.0.1")
                        || uri.getHost().equals("[::1]"));
        if (!"https".equals(uri.getScheme()) && !loopback) {
            throw new ConfigurationProblem(
                    property,
                    "is '" + text + "', not an https:// URL",
                    "use https (keys fetched over plain http could be swapped on the way); plain http is allowed to localhost only");
        }
        return uri;
    }

    private static ApiToken defaultToken(String token) {
        if (token.length() < SettingsReader.MIN_TOKEN_LENGTH) {
            throw new ConfigurationProblem(
                    TOKEN,
                    "is " + token.length() + " characters, too short to protect the API",
                    "use at least " + SettingsReader.MIN_TOKEN_LENGTH
                            + " random characters (e.g. openssl rand -hex 24)");
        }
        return new ApiToken(ApiToken.DEFAULT_NAME, List.of(TokenHash.of(token)), EnumSet.allOf(Scope.class));
    }

    /**
     * One named token. An entry with neither hashes nor scopes is refused, not skipped: it is what an environment
     * variable for a name with '-' or '_' turns into ({@code FIELDSYNC_API_TOKENS_BI_REPORTS_HASHES} reads as
     * {@code fieldsync.api.tokens.bi.reports.hashes}, the entry {@code bi}), and skipping it would leave the token out
     * and its callers with 401s nobody can explain.
     */
    private static Optional<ApiToken> named(PropertyValues values, String name) {
        String hashesProperty = TOKENS + "." + name + ".hashes";
        String scopesProperty = TOKENS + "." + name + ".scopes";
        Optional<String> hashes = values.raw(hashesProperty);
        Optional<String> scopes = values.raw(scopesProperty);
        if (hashes.isEmpty() && scopes.isEmpty()) {
            throw new ConfigurationProblem(
                    TOKENS + "." + name,
                    "has settings below it but neither .hashes nor .scopes (an environment variable such as "
                            + "FIELDSYNC_API_TOKENS_BI_REPORTS_HASHES reads as the token '" + name
                            + "': a token name with '-' or '_' cannot be given in the environment)",
                    "set " + TOKENS + ".<name>.hashes and .scopes with -D or in application.yml, or use a name of "
                            + "letters and digits only in the environment (FIELDSYNC_API_TOKENS_BIREPORTS_HASHES)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationProblem(
                    TOKENS + "." + name,
                    "names a token '" + name + "', which is not allowed",
                    "use 1-63 characters of a-z, 0-9, '_' or '-' (e.g. bi-reports)");
        }
        if (name.equals(ApiToken.DEFAULT_NAME) && values.raw(TOKEN).isPresent()) {
            throw new ConfigurationProblem(
                    TOKENS + ".default",
                    "names the token that " + TOKEN + " already defines",
                    "remove " + TOKEN + " (FIELDSYNC_API_TOKEN) or give this token another name");
        }
        return Optional.of(new ApiToken(
                name,
                hashes(
                        hashesProperty,
                        hashes.orElseThrow(() -> new ConfigurationProblem(
                                hashesProperty,
                                "is not set, but " + scopesProperty + " is",
                                "add the token's hash (fieldsync token hash < token-file, or fieldsync token new)"))),
                scopes(
                        scopesProperty,
                        scopes.orElseThrow(() -> new ConfigurationProblem(
                                scopesProperty,
                                "is not set",
                                "list what the token may do: read, write and/or admin")))));
    }

    private static List<TokenHash> hashes(String property, String text) {
        List<TokenHash> hashes = new ArrayList<>();
        for (String item : items(text)) {
            hashes.add(TokenHash.parse(item)
                    .orElseThrow(() -> new ConfigurationProblem(
                            property,
                            "holds a value of " + item.length() + " characters that is not sha256:<64 hex digits> "
                                    + "(not shown: it may be a token pasted by mistake)",
                            "configure the hash, never the token: fieldsync token hash < token-file prints it")));
        }
        if (hashes.size() > 2) {
            throw new ConfigurationProblem(
                    property,
                    "holds " + hashes.size() + " hashes",
                    "keep one, or two while a token is rotated (the new one and the old one until its clients moved)");
        }
        return hashes;
    }

    private static Set<Scope> scopes(String property, String text) {
        Set<Scope> scopes = new LinkedHashSet<>();
        for (String item : items(text)) {
            scopes.add(Scope.fromWireName(item)
                    .orElseThrow(() -> new ConfigurationProblem(
                            property, "holds '" + item + "', not a scope", "use read, write and/or admin")));
        }
        return scopes;
    }

    private static void refuseSharedHashes(List<ApiToken> tokens) {
        Map<TokenHash, String> owners = new HashMap<>();
        for (ApiToken token : tokens) {
            for (TokenHash hash : token.hashes()) {
                String other = owners.putIfAbsent(hash, token.name());
                if (other != null && !other.equals(token.name())) {
                    throw new ConfigurationProblem(
                            TOKENS + "." + token.name() + ".hashes",
                            "holds a hash that token '" + other + "' has too",
                            "give every client its own token (fieldsync token new)");
                }
            }
        }
    }

    /** Comma-separated items (a YAML list may arrive as {@code [a, b]}). */
    private static List<String> items(String text) {
        String list = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return Arrays.stream(list.split(","))
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
