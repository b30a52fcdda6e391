package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.ChangeView;
import dev.fieldsync.app.rest.JobSearchParameters;
import dev.fieldsync.app.rest.JobView;
import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemException;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.NumericId;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.ports.in.changes.ReadChanges;
import dev.fieldsync.ports.in.query.QueryJobs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The jobs page: the mirror searched by {@code GET /api/jobs}'s filters (the same {@link JobSearchParameters}, so
 * the same names and the same refusals) through {@link QueryJobs}, and one job with its change history from
 * {@link ReadChanges#ofJob}. Reads the mirror only: no gateway call.
 */
@Hidden
@Controller(Layout.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobsPage {
    static final int HISTORY = 100;
    static final String JOBS = "/jobs";
    static final String ONE = "/jobs/{id}";
    private final PageScopes scopes;

    JobsPage(PageScopes scopes) {
        this.scopes = scopes;
    }

    @Get(uris = {JOBS, PageScope.SCOPE + JOBS})
    public MutableHttpResponse<String> search(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration,
            @RequestBean JobSearchParameters sent) {
        JobSearchParameters parameters = JobsView.filled(sent);
        return Layout.page("Jobs", Viewer.of(request, authentication), scopes, integration, scope -> {
            Html body = JobsView.filters(scope.base(), parameters);
            JobSlice slice;
            try {
                slice = scope.jobs().search(parameters.toSearch());
            } catch (ProblemException refused) {
                return body.append(refusal(refused.problem()));
            } catch (IllegalArgumentException badCursor) {
                return body.element("p", "That page link is not valid any more: search again.", "class", "refused");
            }
            Optional<String> next = slice.nextCursor()
                    .map(cursor -> UriBuilder.of(request.getUri())
                            .replaceQueryParam("after", cursor)
                            .build()
                            .toString());
            return body.append(JobsView.results(
                    scope.base(), slice.jobs().stream().map(JobView::of).toList(), next));
        });
    }

    @Get(uris = {ONE, PageScope.SCOPE + ONE})
    public MutableHttpResponse<String> job(
            HttpRequest<?> request,
            @Nullable Authentication authentication,
            @Nullable @PathVariable String integration,
            @PathVariable String id) {
        return Layout.page("Jobs", Viewer.of(request, authentication), scopes, integration, scope -> {
            String search = scope.path(JOBS);
            if (!NumericId.isDigits(id)) {
                return Layout.outcome(false, "'" + id + "' is not a job id.", search, "Search jobs");
            }
            JobId job = JobId.of(id);
            Optional<JobView> found = scope.jobs().find(job).map(JobView::of);
            List<ChangeView> history = scope.changes().ofJob(job, HISTORY).stream()
                    .map(ChangeView::of)
                    .toList();
            if (found.isEmpty() && history.isEmpty()) {
                return Layout.outcome(false, "Job " + id + " is not in the mirror.", search, "Search jobs");
            }
            return JobsView.job(id, found, history);
        });
    }

    private static Html refusal(Problem problem) {
        String detail = problem.errors() == null
                ? String.valueOf(problem.detail())
                : problem.errors().stream().map(Problem.FieldError::message).collect(Collectors.joining("; "));
        return new Html().element("p", detail, "class", "refused", "id", "search-problem");
    }
}
