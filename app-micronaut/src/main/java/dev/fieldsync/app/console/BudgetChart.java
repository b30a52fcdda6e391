package dev.fieldsync.app.console;

import dev.fieldsync.app.metrics.RequestHistory;
import java.util.List;

/**
 * The budget page's chart as inline SVG: one stacked bar per minute of the last hour (a band per series, in the
 * history's order), the budget's rate as a line, and a mark above each minute that saw a 429. Colours come from the
 * stylesheet's {@code .series-N} classes, so the page needs no inline style.
 */
final class BudgetChart {
    static final int WIDTH = 720;
    static final int HEIGHT = 240;
    private static final int TOP = 16;
    private static final int BAR = WIDTH / RequestHistory.MINUTES;

    private BudgetChart() {}

    static Html draw(List<String> series, List<RequestHistory.Minute> hour, int ratePerMinute) {
        int busiest = hour.stream().mapToInt(RequestHistory.Minute::total).max().orElse(0);
        // The scale fits the busiest minute (with room) and shows the budget's rate when it is within reach; a budget
        // far above what was spent would flatten every bar, so it is then only named.
        int highest = Math.max(4, (int) Math.ceil(busiest * 1.25));
        if (ratePerMinute <= highest * 2) {
            highest = Math.max(highest, ratePerMinute);
        }
        boolean rateShown = ratePerMinute <= highest;
        double scale = (HEIGHT - TOP) / (double) highest;
        Html svg = new Html()
                .open(
                        "svg",
                        "xmlns",
                        "http://www.w3.org/2000/svg",
                        "viewBox",
                        "0 0 " + WIDTH + " " + (HEIGHT + 20),
                        "width",
                        Integer.toString(WIDTH),
                        "height",
                        Integer.toString(HEIGHT + 20),
                        "role",
                        "img",
                        "id",
                        "budget-chart")
                .element(
                        "title",
                        "Gateway calls per minute over the last hour, by series; red marks: minutes with a 429");
        for (int m = 0; m < hour.size(); m++) {
            RequestHistory.Minute minute = hour.get(m);
            double y = HEIGHT;
            for (int s = 0; s < series.size(); s++) {
                int calls = minute.calls().getOrDefault(series.get(s), 0);
                if (calls == 0) {
                    continue;
                }
                double height = calls * scale;
                y -= height;
                svg.open(
                                "rect",
                                "x",
                                Integer.toString(m * BAR + 1),
                                "y",
                                number(y),
                                "width",
                                Integer.toString(BAR - 2),
                                "height",
                                number(height),
                                "class",
                                "series-" + s)
                        .element("title", Format.time(minute.start()) + ": " + calls + " " + series.get(s))
                        .close("rect");
            }
            if (minute.rateLimited() > 0) {
                svg.open(
                                "circle",
                                "cx",
                                Integer.toString(m * BAR + BAR / 2),
                                "cy",
                                Integer.toString(TOP / 2),
                                "r",
                                "5",
                                "class",
                                "rate-limited")
                        .element("title", Format.time(minute.start()) + ": " + minute.rateLimited() + " × 429")
                        .close("circle");
            }
        }
        double rateY = rateShown ? HEIGHT - ratePerMinute * scale : TOP;
        svg.open(
                        "line",
                        "x1",
                        "0",
                        "x2",
                        Integer.toString(WIDTH),
                        "y1",
                        number(rateY),
                        "y2",
                        number(rateY),
                        "class",
                        rateShown ? "rate" : "hidden")
                .close("line")
                .element(
                        "text",
                        rateShown
                                ? ratePerMinute + "/min budget"
                                : "budget " + ratePerMinute + "/min, far above this scale (top: " + highest + "/min)",
                        "x",
                        "4",
                        "y",
                        number(Math.max(12, rateY - 4)),
                        "class",
                        "label")
                .open(
                        "line",
                        "x1",
                        "0",
                        "x2",
                        Integer.toString(WIDTH),
                        "y1",
                        "" + HEIGHT,
                        "y2",
                        "" + HEIGHT,
                        "class",
                        "axis")
                .close("line")
                .element("text", "60 min ago", "x", "0", "y", Integer.toString(HEIGHT + 16), "class", "label")
                .element(
                        "text",
                        "now",
                        "x",
                        Integer.toString(WIDTH - 24),
                        "y",
                        Integer.toString(HEIGHT + 16),
                        "class",
                        "label");
        return svg.close("svg");
    }

    private static String number(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
