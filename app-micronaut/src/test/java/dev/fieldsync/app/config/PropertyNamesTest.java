package dev.fieldsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code fieldsync.*} property that a message, hint or problem of the kit names exists: it is in the
 * configuration reference (README) and the service reads it. A hint that names a property nobody reads (as
 * {@code fieldsync.gateway.key-file} once did) sends a person on a search for nothing.
 */
class PropertyNamesTest {
    /** A property-shaped name in a string literal; not a package ({@code dev.fieldsync.}) nor a span attribute ({@code fieldsync.retry_count}). */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])fieldsync(\\.[a-z][a-z0-9-]*)+(?![\\w-])");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern METER_NAME = Pattern.compile("builder\\(\\s*\"[^\"]*\"");
    private static final Pattern VALUE = Pattern.compile("\\$\\{(fieldsync\\.[a-z0-9.-]+)[:}]");
    /**
     * Names in literals that are not configuration: the jar's file name, the switch {@code serve} sets, the request
     * attribute that carries the caller's token name.
     */
    private static final Set<String> NOT_CONFIGURATION =
            Set.of("fieldsync.jar", "fieldsync.service", "fieldsync.token-name");

    private static final List<String> MODULES = List.of(
            "domain",
            "ports",
            "application",
            "adapters-memory",
            "adapters-vertx",
            "adapters-persistence",
            "adapters-rabbitmq",
            "app-micronaut");
    private static final Path ROOT = Path.of("..");

    @Test
    void everyPropertyAMessageNamesIsDocumentedAndRead() {
        Set<String> documented = documented();
        Set<String> read = read();
        Set<String> named = named();
        assertThat(named).as("property names found in messages").contains("fieldsync.key.file", "fieldsync.api.token");
        Set<String> undocumented = new TreeSet<>();
        Set<String> unread = new TreeSet<>();
        for (String name : named) {
            if (documented.stream().noneMatch(property -> property.equals(name) || property.startsWith(name + "."))) {
                undocumented.add(name);
            }
            if (read.stream().noneMatch(property -> property.equals(name) || property.startsWith(name + "."))) {
                unread.add(name);
            }
        }
        assertThat(undocumented)
                .as("named in messages but not in app-micronaut/README.md's reference")
                .isEmpty();
        assertThat(unread).as("named in messages but read by nothing").isEmpty();
    }

    @Test
    void everyDocumentedPropertyIsRead() {
        Set<String> read = read();
        assertThat(new TreeSet<>(documented()))
                .as("in the reference, read by nothing")
                .allSatisfy(property -> assertThat(read).contains(property));
    }

    /**
     * What the reader asks for (with defaults, so every property is asked), plus {@code @Value} injections and the
     * system properties read before Micronaut starts (logging: {@code fieldsync.log.*}).
     */
    private static Set<String> read() {
        Set<String> asked = new HashSet<>();
        // One named token, "name", so the reader asks for the properties of a token of that name: the reference
        // writes them fieldsync.api.tokens.<name>.hashes (documented() reads <name> as that name).
        Map<String, String> given = Map.of(
                "fieldsync.gateway.base-url",
                "https://gw.example.com",
                "fieldsync.key.value",
                "fi_pk_live_x",
                "fieldsync.api.tokens.name.hashes",
                "sha256:" + "0".repeat(64),
                "fieldsync.api.tokens.name.scopes",
                "read");
        new SettingsReader(
                        name -> {
                            asked.add(name);
                            return Optional.ofNullable(given.get(name));
                        },
                        prefix -> prefix.equals("fieldsync.api.tokens") ? Set.of("name") : Set.of())
                .read();
        sources().forEach(text -> {
            Matcher value = VALUE.matcher(text);
            while (value.find()) {
                asked.add(value.group(1));
            }
            if (text.contains("System.getProperty(")) {
                Matcher name = NAME.matcher(text);
                while (name.find()) {
                    asked.add(name.group());
                }
            }
        });
        return asked;
    }

    /** The first column of the configuration reference; {@code `a.b` / `c`} stands for a.b and a.c. */
    private static Set<String> documented() {
        Set<String> properties = new HashSet<>();
        for (String line : read(ROOT.resolve("app-micronaut/README.md")).split("\n")) {
            if (!line.startsWith("| `fieldsync.")) {
                continue;
            }
            // The names are the backticked words of the first column: `a.b` / `c` stands for a.b and a.c; a
            // remark such as (`-D` only) names no property.
            Matcher names =
                    Pattern.compile("`([a-z][a-z0-9.-]*)`").matcher(line.split("\\|")[1].replace("<name>", "name"));
            String first = null;
            while (names.find()) {
                String name = names.group(1);
                if (first == null) {
                    first = name;
                    properties.add(name);
                } else if (!name.contains(".") && !name.startsWith("-")) {
                    properties.add(first.substring(0, first.lastIndexOf('.') + 1) + name);
                }
            }
        }
        return properties;
    }

    private static Set<String> named() {
        Set<String> names = new TreeSet<>();
        sources().forEach(source -> {
            // Meter names (Gauge.builder("fieldsync.sync.lag.seconds", ...), wherever the formatter breaks the line)
            // and comments are not messages.
            String text = METER_NAME.matcher(source).replaceAll("builder(");
            for (String line : text.split("\n")) {
                if (line.strip().startsWith("*") || line.strip().startsWith("//")) {
                    continue;
                }
                Matcher literal = LITERAL.matcher(line);
                while (literal.find()) {
                    Matcher name = NAME.matcher(literal.group(1));
                    while (name.find()) {
                        if (!NOT_CONFIGURATION.contains(name.group())) {
                            names.add(name.group());
                        }
                    }
                }
            }
        });
        return names;
    }

    private static Stream<String> sources() {
        return MODULES.stream()
                .map(module -> ROOT.resolve(module).resolve("src/main/java"))
                .flatMap(dir -> {
                    try (Stream<Path> files = Files.walk(dir)) {
                        return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .map(PropertyNamesTest::read);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
