package dev.fieldsync.sandbox.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    final Generator generator = new Generator(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));

    static String fingerprint(Store s) {
        StringBuilder sb = new StringBuilder(new String(JobJson.dumpLines(s, 0, s.jobCount()), StandardCharsets.UTF_8));
        s.sites().forEach(site -> sb.append(site.id).append(site.name()).append(site.address));
        return sb.toString();
    }

    @Test
    void sameSeedSameData() {
        assertThat(fingerprint(generator.generate(11, 300, false)))
                .isEqualTo(fingerprint(generator.generate(11, 300, false)));
        assertThat(fingerprint(generator.generate(11, 300, false)))
                .isNotEqualTo(fingerprint(generator.generate(12, 300, false)));
    }

    @Test
    void realisticMix() {
        Store s = generator.generate(42, 2_000, false);
        assertThat(s.customers()).hasSize(5);
        assertThat(s.sites().size()).isBetween(20, 99);
        Set<State> states = EnumSet.noneOf(State.class);
        for (int i = 0; i < s.jobCount(); i++) {
            Job j = s.jobAt(i);
            states.add(j.status.state());
            assertThat(j.endEpochSecond).isGreaterThan(j.startEpochSecond);
            assertThat(j.updatedAtMillis())
                    .isBetween(
                            Instant.parse("2026-03-02T00:00:00Z").toEpochMilli(),
                            Instant.parse("2026-06-01T00:00:00Z").toEpochMilli());
            assertThat(j.site.address).matches(".* (QLD|NSW|VIC|SA|WA|TAS|NT|ACT) \\d{4}");
        }
        assertThat(states).containsExactlyInAnyOrder(State.values());
        assertThat(s.primaryStatus(State.PENDING).name()).isEqualTo("Tentative");
        assertThat(s.customFields()).anyMatch(f -> f.jobTypeId() != null).anyMatch(f -> f.jobTypeId() == null);
        assertThat(generator.generate(42, 0, true).sites().size()).isGreaterThan(100);
    }
}
