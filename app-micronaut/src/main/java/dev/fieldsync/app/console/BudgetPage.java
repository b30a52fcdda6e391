package dev.fieldsync.app.console;

import dev.fieldsync.app.metrics.RequestHistory;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.ports.out.budget.BudgetStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;

/**
 * The budget page: gateway calls per minute over the last hour by priority (every {@code Priority}) and the lookups
 * apart, 429s marked, from the {@link RequestHistory} the metrics decorators keep; and the budget's state now
 * ({@code RateBudget.status()}, which spends no token).
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BudgetPage {
    static final String BUDGET = "/budget";
    private final RequestHistory history;
    private final Adapters adapters;
    private final PageScopes scopes;

    BudgetPage(RequestHistory history, Adapters adapters, PageScopes scopes) {
        this.history = history;
        this.adapters = adapters;
        this.scopes = scopes;
    }

    /** The budget and the request history are the process's one metered budget: the default integration's. */
    @Get(uris = {BUDGET, PageScope.SCOPE + BUDGET})
    public MutableHttpResponse<String> page(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration) {
        return Layout.page(
                "Budget",
                Viewer.of(request, authentication),
                scopes,
                integration,
                scope -> scope.isDefault() ? body() : Layout.defaultOnly("the metered budget and its history", scope));
    }

    private Html body() {
        BudgetStatus status = adapters.budget().status();
        List<RequestHistory.Minute> hour = history.lastHour();
        List<String> series = history.series();
        Html body = new Html()
                .open("section", "id", "budget-now")
                .element("h2", "Now")
                .open("table")
                .row("Tokens free", status.availableTokens() + " of " + status.burst())
                .row(
                        "Rate",
                        status.ratePerMinute() + " per minute (a token every "
                                + status.refillInterval().toMillis() + " ms)")
                .row("Background reserve", status.backgroundReserve() + " tokens kept for interactive calls")
                .row(
                        "Paused after a 429",
                        status.pausedUntil()
                                .map(Format::time)
                                .map(t -> "until " + t)
                                .orElse("no"))
                .row("429s reported", status.rateLimitedReports())
                .close("table")
                .close("section")
                .open("section", "id", "budget-hour")
                .element("h2", "The last hour")
                .append(BudgetChart.draw(series, hour, status.ratePerMinute()))
                .open("ul", "class", "legend");
        for (int s = 0; s < series.size(); s++) {
            body.open("li")
                    .element("span", "■", "class", "swatch series-" + s)
                    .text(" " + series.get(s))
                    .close("li");
        }
        body.open("li")
                .element("span", "●", "class", "swatch rate-limited-text")
                .text(" a 429 that minute")
                .close("li")
                .close("ul")
                .open("table", "id", "budget-totals")
                .headers("Series", "Calls in the hour", "Busiest minute");
        for (String name : series) {
            body.row(
                    name,
                    hour.stream().mapToInt(m -> m.calls().get(name)).sum(),
                    hour.stream().mapToInt(m -> m.calls().get(name)).max().orElse(0));
        }
        body.row(
                "429s",
                hour.stream().mapToInt(RequestHistory.Minute::rateLimited).sum(),
                "");
        return body.close("table")
                .element(
                        "p",
                        "Counted per gateway call (a retried call counts once) in this instance since it started;"
                                + " other instances sharing the budget count their own.",
                        "class",
                        "hint")
                .close("section");
    }
}
