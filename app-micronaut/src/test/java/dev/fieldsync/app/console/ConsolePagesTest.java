package dev.fieldsync.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.app.rest.JobSearchParameters;
import dev.fieldsync.app.rest.Problem;
import dev.fieldsync.app.rest.ProblemException;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.in.changes.ReadChanges;
import dev.fieldsync.ports.in.query.QueryJobs;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's pages without a server: a failing use case becomes a clear 503 page, and text is always escaped. */
class ConsolePagesTest {
    private static final JobSearchParameters NO_FILTER =
            new JobSearchParameters(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    @Test
    void aPageWhoseUseCaseFailsSaysTheServiceCannotAnswerWith503() {
        JobsPage page = new JobsPage(
                integration -> new PageScope("acme", "/console", true, new DownMirror(), new NoChanges(), null, null));

        MutableHttpResponse<String> answer = page.search(HttpRequest.GET("/console/jobs"), null, null, NO_FILTER);
        MutableHttpResponse<String> job = page.job(HttpRequest.GET("/console/jobs/7"), null, null, "7");

        assertThat(answer.code()).isEqualTo(503);
        assertThat(answer.body())
                .contains("The service cannot answer this page right now", "connection to the database refused")
                .contains("<nav>", "Jobs");
        assertThat(job.code()).isEqualTo(503);
        assertThat(job.body()).contains("connection to the database refused");
        assertThat(answer.getHeaders().get("Content-Security-Policy")).contains("default-src 'none'");
    }

    @Test
    void aPageForAnIntegrationNoOneServesShowsTheApisRefusalWithItsStatus() {
        JobsPage page = new JobsPage(integration -> {
            throw new ProblemException(Problem.of(404, "unknown-integration", "No integration 'nobody'", null)
                    .withHint("GET /api/integrations lists them."));
        });

        MutableHttpResponse<String> answer =
                page.search(HttpRequest.GET("/console/integrations/nobody/jobs"), null, "nobody", NO_FILTER);

        assertThat(answer.code()).isEqualTo(404);
        assertThat(answer.body())
                .contains("No integration &#39;nobody&#39;", "GET /api/integrations lists them.", "<nav>")
                .contains("href=\"/console/integrations\"");
    }

    @Test
    void everyValueIsEscapedSoNoTextBecomesMarkup() {
        String hostile = "<script>alert('x')</script>\" onmouseover=\"x";
        Html html = new Html().element("td", hostile, "title", hostile);

        assertThat(html.toString())
                .doesNotContain("<script>", "\" onmouseover")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; onmouseover=&quot;x");
    }

    private static final class DownMirror implements QueryJobs {
        @Override
        public JobSlice search(JobSearch search) {
            throw new IllegalStateException("connection to the database refused");
        }

        @Override
        public Optional<MirroredJob> find(JobId job) {
            throw new IllegalStateException("connection to the database refused");
        }
    }

    private static final class NoChanges implements ReadChanges {
        @Override
        public List<Change> after(long afterSequence, int limit, Set<ChangeKind> kinds) {
            return List.of();
        }

        @Override
        public List<Change> await(long afterSequence, int limit, Set<ChangeKind> kinds, Duration timeout) {
            return List.of();
        }

        @Override
        public List<Change> ofJob(JobId job, int limit) {
            return List.of();
        }

        @Override
        public long latestSequence() {
            return 0;
        }

        @Override
        public long size() {
            return 0;
        }
    }
}
