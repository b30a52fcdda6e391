package dev.fieldsync.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RefusalLogTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-07-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oneLinePerIntervalAndTheRestCountedByKind() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.refusals." + System.nanoTime());
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        ManualClock clock = new ManualClock();
        RefusalLog log = new RefusalLog(logger, clock, Duration.ofMinutes(1));

        log.refused("signature refused", "first");
        for (int i = 0; i < 150; i++) {
            clock.now = clock.now.plusMillis(100);
            log.refused(i % 3 == 0 ? "malformed signature" : "signature refused", "flood " + i);
        }
        assertThat(messages(lines))
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith(
                                "refused a webhook delivery: first; further refusals in the next 60 s are counted"));

        clock.now = clock.now.plusSeconds(60);
        log.refused("signed but unusable", "after the interval");
        List<String> messages = messages(lines);
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1))
                .startsWith("refused a webhook delivery: after the interval; before it, 150 more "
                        + "refused since 2026-07-01T00:00:00Z (malformed signature: 50, signature refused: 100)");

        clock.now = clock.now.plusSeconds(61);
        log.refused("signature refused", "a quiet interval later");
        assertThat(messages(lines).get(2)).doesNotContain("before it");
    }

    private static List<String> messages(ListAppender<ILoggingEvent> lines) {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
