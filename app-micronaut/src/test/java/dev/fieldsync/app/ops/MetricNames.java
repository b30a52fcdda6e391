package dev.fieldsync.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that PromQL expressions refer to, and the series names of a Prometheus text page. Fails closed:
 * an identifier that is neither a known keyword nor followed by "(" counts as a metric name, so a new function
 * or keyword shows up as a "missing metric" rather than letting a wrong name through.
 */
final class MetricNames {
    private static final Set<String> KEYWORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "inf",
            "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricNames() {}

    static Set<String> inExpression(String expression) {
        String rest = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\$\\{?[A-Za-z_]+}?", " "); // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(rest);
        while (m.find()) {
            String word = m.group();
            boolean call = rest.substring(m.end()).stripLeading().startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(rest.charAt(m.start() - 1));
            if (!call && !number && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every metric a Grafana dashboard's panel queries and template variables use. */
    static Set<String> inDashboard(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        collect(JSON.readTree(Files.readString(dashboard)), names);
        return names;
    }

    private static void collect(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    names.addAll(inExpression(field.getValue().asText()));
                } else if (field.getKey().equals("definition")
                        && field.getValue().isTextual()) {
                    Matcher m = LABEL_VALUES.matcher(field.getValue().asText());
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                } else {
                    collect(field.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, names));
        }
    }

    /** Every rule expression of a Prometheus rules file (the lines after "expr:"). */
    static Set<String> inRules(Path rules) throws IOException {
        Set<String> names = new TreeSet<>();
        StringBuilder expression = null;
        for (String line : Files.readAllLines(rules)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("expr:")) {
                if (expression != null) {
                    names.addAll(inExpression(expression.toString()));
                }
                expression = new StringBuilder(trimmed.substring(5).replace(">-", ""));
            } else if (expression != null
                    && (trimmed.isEmpty()
                            || trimmed.matches("[a-z_]+:.*")
                            || trimmed.startsWith("-")
                            || trimmed.startsWith("#"))) {
                names.addAll(inExpression(expression.toString()));
                expression = null;
            } else if (expression != null) {
                expression.append(' ').append(trimmed);
            }
        }
        if (expression != null) {
            names.addAll(inExpression(expression.toString()));
        }
        return names;
    }

    /** The series names on a Prometheus text page (comments skipped). */
    static Set<String> inScrape(String page) {
        Set<String> names = new TreeSet<>();
        for (String line : page.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = IDENTIFIER.matcher(line);
                if (m.lookingAt()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }
}
