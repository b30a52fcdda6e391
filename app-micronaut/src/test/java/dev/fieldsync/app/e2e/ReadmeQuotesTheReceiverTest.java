package dev.fieldsync.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The receiver snippet the app-micronaut README quotes is {@link WebhookReceiverExample}'s code, the one
 * {@code ChangeDeliveryEndToEndTest} runs on every real delivery (region {@code // README:webhook-receiver}).
 */
class ReadmeQuotesTheReceiverTest {
    private static final Pattern QUOTE = Pattern.compile(
            "<!-- quoted from (\\S+) \\(README:webhook-receiver\\) -->\\n```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmeQuotesTheTestedReceiver() throws IOException {
        Matcher quote = QUOTE.matcher(Files.readString(Path.of("README.md")));
        assertThat(quote.find())
                .as("app-micronaut/README.md quotes the receiver")
                .isTrue();
        String source = Files.readString(Path.of("..").resolve(quote.group(1)));
        assertThat(quote.group(2)).isEqualTo(region(source));
    }

    private static String region(String source) {
        List<String> lines = source.lines().toList();
        int begin = indexOf(lines, "// README:webhook-receiver begin");
        int end = indexOf(lines, "// README:webhook-receiver end");
        assertThat(end).isGreaterThan(begin).isPositive();
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

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }
}
