package dev.fieldsync.app.console;

import java.util.Objects;

/**
 * HTML built in Java with escaping by construction: element and attribute names are the code's own constants, and
 * every value (text or attribute) goes through {@link #escape}. There is no method that appends markup from a
 * string, so nothing a caller, the gateway or the database says can become markup.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(4096);

    /** The document type, which starts every page. */
    Html doctype() {
        out.append("<!DOCTYPE html>");
        return this;
    }

    /** {@code <tag a="v" ...>}: {@code attributes} are name, value pairs; a null value leaves the attribute out. */
    Html open(String tag, String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ')
                        .append(attributes[i])
                        .append("=\"")
                        .append(escape(attributes[i + 1]))
                        .append('"');
            }
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element holding only text. */
    Html element(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    Html text(Object text) {
        out.append(escape(String.valueOf(text)));
        return this;
    }

    /** Another fragment built the same way. */
    Html append(Html fragment) {
        out.append(fragment.out);
        return this;
    }

    /** A cell row: {@code <tr><td>a</td>...</tr>}. */
    Html row(Object... cells) {
        open("tr");
        for (Object cell : cells) {
            if (cell instanceof Html fragment) {
                open("td").append(fragment).close("td");
            } else {
                element("td", cell);
            }
        }
        return close("tr");
    }

    /** A header row. */
    Html headers(String... names) {
        open("tr");
        for (String name : names) {
            element("th", name);
        }
        return close("tr");
    }

    /** A link. */
    static Html link(String href, Object text) {
        return new Html().element("a", text, "href", href);
    }

    static Html of(Object text) {
        return new Html().text(text);
    }

    static String escape(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
