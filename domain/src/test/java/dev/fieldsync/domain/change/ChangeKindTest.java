package dev.fieldsync.domain.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldsync.domain.submission.SubmissionState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChangeKindTest {
    @Test
    void everySubmissionStateHasItsKindAndEveryWireNameParsesBack() {
        for (SubmissionState state : SubmissionState.values()) {
            ChangeKind kind = ChangeKind.reached(state);
            assertThat(kind.wireName()).isEqualTo("submission." + state.name().toLowerCase());
            assertThat(kind.isJobKind()).isFalse();
        }
        Arrays.stream(ChangeKind.values())
                .forEach(
                        kind -> assertThat(ChangeKind.find(" " + kind.wireName().toUpperCase() + " "))
                                .contains(kind));
        assertThat(ChangeKind.find("job.deleted")).isEmpty();
        assertThat(ChangeKind.wireNames()).startsWith("job.created, job.changed, job.state_changed");
    }
}
