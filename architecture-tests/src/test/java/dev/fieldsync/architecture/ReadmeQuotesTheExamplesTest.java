package dev.fieldsync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code README.md quotes from examples/ is the code the examples' build compiles and runs: each quote names
 * its file and region ({@code // README:<name> begin} ... {@code // README:<name> end}) and must equal it.
 */
class ReadmeQuotesTheExamplesTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern QUOTE =
            Pattern.compile("<!-- quoted from (\\S+) \\(README:([\\w-]+)\\) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    record Quote(String file, String region, String code) {}

    static List<Quote> quotes() throws IOException {
        Matcher matcher = QUOTE.matcher(Files.readString(ROOT.resolve("README.md")));
        List<Quote> quotes = new ArrayList<>();
        while (matcher.find()) {
            quotes.add(new Quote(matcher.group(1), matcher.group(2), matcher.group(3)));
        }
        return quotes;
    }

    @Test
    void theReadmeQuotesBothExamples() throws IOException {
        assertThat(quotes()).extracting(Quote::region).containsExactlyInAnyOrder("library-sync", "product-test");
    }

    @Test
    void everyQuoteIsTheExamplesCode() throws IOException {
        for (Quote quote : quotes()) {
            assertThat(quote.file()).startsWith("examples/");
            String source = Files.readString(ROOT.resolve(quote.file()));
            assertThat(quote.code())
                    .as("README's quote of %s (README:%s)", quote.file(), quote.region())
                    .isEqualTo(region(source, quote.region()));
        }
    }

    @Test
    void aRegionIsCutWithoutItsMarkersAndIndent() {
        String source = "class A {\n    // README:x begin\n    int a;\n        int b;\n    // README:x end\n}\n";
        assertThat(region(source, "x")).isEqualTo("int a;\n    int b;\n");
    }

    /** The lines between the region's markers, less the indent they share, each ending in a newline. */
    static String region(String source, String name) {
        List<String> lines = source.lines().toList();
        int begin = lines.indexOf(indentOf(lines, "// README:" + name + " begin"));
        int end = lines.indexOf(indentOf(lines, "// README:" + name + " end"));
        assertThat(begin).as("region %s begins", name).isNotNegative();
        assertThat(end).as("region %s ends after it begins", name).isGreaterThan(begin);
        List<String> body = lines.subList(begin + 1, end);
        int indent = body.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder out = new StringBuilder();
        body.forEach(
                line -> out.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
        return out.toString();
    }

    private static String indentOf(List<String> lines, String marker) {
        return lines.stream()
                .filter(line -> line.strip().equals(marker))
                .findFirst()
                .orElse(marker);
    }
}
