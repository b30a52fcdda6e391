package dev.fieldsync.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.application.Scenario;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.JobPage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingGuardTest {
    private final List<Job> jobs = new Scenario(250).gatewayJobsAsListed();

    private JobPage page(int index, Optional<String> next) {
        return new JobPage(jobs.subList(index * 100, Math.min(jobs.size(), index * 100 + 100)), next);
    }

    @Test
    void aPassThatFollowsItsCursorsIsLeftAlone() {
        PagingGuard guard = new PagingGuard(0, 100);
        assertThatNoException().isThrownBy(() -> {
            guard.check(Optional.empty(), page(0, Optional.of("c1")), 0);
            guard.applied(100);
            guard.check(Optional.of("c1"), page(1, Optional.of("c2")), 1);
            guard.applied(100);
            guard.check(Optional.of("c2"), page(2, Optional.empty()), 2);
        });
    }

    @Test
    void theCursorItWasSentHandedBackStopsThePassAndNamesTheSetting() {
        PagingGuard guard = new PagingGuard(0, 100);
        guard.check(Optional.empty(), page(0, Optional.of("c1")), 0);
        guard.applied(100);
        assertThatThrownBy(() -> guard.check(Optional.of("c1"), page(0, Optional.of("c1")), 1))
                .isInstanceOfSatisfying(GatewayResponseException.class, loop -> {
                    assertThat(loop.kind()).isEqualTo(GatewayResponseException.Kind.PAGING_LOOP);
                    assertThat(loop.describe())
                            .contains("handed back the cursor it was sent after page 1")
                            .contains("fieldsync.gateway.cursor-parameter");
                    assertThat(loop.hint()).contains("fieldsync.gateway.cursor-parameter");
                });
    }

    @Test
    void thePageAgainUnderANewCursorStopsThePass() {
        PagingGuard guard = new PagingGuard(0, 100);
        guard.check(Optional.empty(), page(0, Optional.of("c1")), 0);
        guard.applied(100);
        assertThatThrownBy(() -> guard.check(Optional.of("c1"), page(0, Optional.of("c2")), 1))
                .hasMessageContaining("page 2 holds the same jobs as an earlier page of this pass");
    }

    @Test
    void moreJobsThanTheMirrorAndTheNewOnesExplainStopThePass() {
        PagingGuard guard = new PagingGuard(100, 100);
        guard.check(Optional.empty(), page(0, Optional.of("c1")), 0);
        guard.check(Optional.of("c1"), page(1, Optional.of("c2")), 1);
        guard.check(Optional.of("c2"), new JobPage(jobs.subList(50, 150), Optional.of("c3")), 2);
        assertThatThrownBy(
                        () -> guard.check(Optional.of("c3"), new JobPage(jobs.subList(60, 160), Optional.of("c4")), 3))
                .hasMessageContaining("listed 400 jobs, more than the 100 mirrored and 0 new ones can explain");
    }
}
