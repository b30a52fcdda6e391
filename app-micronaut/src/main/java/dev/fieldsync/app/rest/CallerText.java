package dev.fieldsync.app.rest;

/**
 * Text a caller sent (a member name, a header, a query value), made safe to repeat: abbreviated for answers,
 * and for logs also quoted with every control character escaped, so that no value can add a line of its own.
 */
public final class CallerText {
    /** Longest caller value repeated in an answer. */
    public static final int ANSWER_LIMIT = 64;
    /** Longest caller value written to a log line. */
    public static final int LOG_LIMIT = 80;

    private CallerText() {}

    /** At most {@value #ANSWER_LIMIT} characters, with how many were left out. */
    public static String abbreviate(String value) {
        return abbreviate(value, ANSWER_LIMIT);
    }

    static String abbreviate(String value, int limit) {
        if (value.length() <= limit) {
            return value;
        }
        return value.substring(0, limit) + "…(" + (value.length() - limit) + " more characters)";
    }

    /**
     * A log-safe rendering: {@code "..."} with quotes, backslashes and control characters (CR, LF, tab, and the
     * Unicode line and paragraph separators) escaped, cut to {@value #LOG_LIMIT} characters; {@code -} for none.
     */
    public static String forLog(String value) {
        if (value == null) {
            return "-";
        }
        String cut = value.length() <= LOG_LIMIT ? value : value.substring(0, LOG_LIMIT);
        StringBuilder out = new StringBuilder(cut.length() + 16).append('"');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (value.length() > LOG_LIMIT) {
            out.append("…(").append(value.length() - LOG_LIMIT).append(" more characters)");
        }
        return out.toString();
    }
}
