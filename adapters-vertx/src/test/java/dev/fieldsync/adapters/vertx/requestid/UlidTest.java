package dev.fieldsync.adapters.vertx.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UlidTest {

    @Test
    void encodesTheTimeInTheFirstTenCharacters() {
        // 1469918176385 ms is the ULID specification's example time; it encodes as 01ARYZ6S41.
        Ulid ulid = new Ulid(Clock.fixed(Instant.ofEpochMilli(1469918176385L), ZoneOffset.UTC), new Random(1));
        String id = ulid.next();
        assertThat(id).hasSize(26).startsWith("01ARYZ6S41");
        assertThat(Ulid.isUlid(id)).isTrue();
    }

    @Test
    void isUniqueAndSortsByTime() {
        Ulid ulid = Ulid.create();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(ulid.next())).isTrue();
        }
        String earlier =
                new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), new Random(2)).next();
        String later =
                new Ulid(Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC), new Random(2)).next();
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void recognisesWhatIsNotAUlid() {
        assertThat(Ulid.isUlid("req_01HX9CK3T6JZ2N8H6K7G5W2BFA")).isFalse();
        assertThat(Ulid.isUlid("01HX9CK3T6JZ2N8H6K7G5W2BFI")).isFalse(); // I is not Crockford base32
        assertThat(Ulid.isUlid(null)).isFalse();
    }
}
