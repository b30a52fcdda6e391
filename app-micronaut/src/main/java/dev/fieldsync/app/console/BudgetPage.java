package dev.fieldsync.app.console;

import dev.fieldsync.app.metrics.RequestHistories;
import dev.fieldsync.app.metrics.RequestHistory;
import dev.fieldsync.app.wiring.IntegrationRuntimes;
import dev.fieldsync.domain.id.IntegrationId;
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
 * The budget page of one integration ({@code /console/budget} for the default, {@code /console/integrations/{id}/budget}
 * for another): gateway calls per minute over the last hour by priority (every {@code Priority}) and the lookups
 * apart, 429s marked, from the integration's {@link RequestHistory} its metered gateway and budget keep
 * ({@link RequestHistories}); and its budget's state now ({@code RateBudget.status()}, which spends no token). Each
 * integration has a bucket of its own, so each page shows its own calls.
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BudgetPage {
    static final String BUDGET = "/budget";
    private final RequestHistories histories;
    private final IntegrationRuntimes runtimes;
    private final PageScopes scopes;

    BudgetPage(RequestHistories histories, IntegrationRuntimes runtimes, PageScopes scopes) {
        this.histories = histories;
        this.runtimes = runtimes;
        this.scopes = scopes;
    }

    /** The integration's budget and its calls of the last hour, as this process meters them. */
    @Get(uris = {BUDGET, PageScope.SCOPE + BUDGET})
    public MutableHttpResponse<String> page(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration) {
        return Layout.page("Budget", Viewer.of(request, authentication), scopes, integration, scope -> {
            IntegrationId id = IntegrationId.of(scope.integration());
            return runtimes.budget(id)
                    .map(budget -> body(budget.status(), histories.of(id)))
                    .orElseGet(() -> Layout.notKept("the metered budget and its history", scope));
        });
    }

    private static Html body(BudgetStatus status, RequestHistory history) {
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
