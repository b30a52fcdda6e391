package dev.fieldsync.app.health;

import dev.fieldsync.domain.submission.SubmissionState;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The review queue as a readiness warning: job creates that need a person keep the service UP (it works; a
 * person has a decision to make) but say so, with where to look. Reads the database only, spends no budget.
 */
@Singleton
@Readiness
public class SubmissionsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {
    private final ReviewSubmissions review;

    public SubmissionsHealthIndicator(ReviewSubmissions review) {
        this.review = review;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<SubmissionState, Long> counts = review.counts();
        long needsReview = counts.getOrDefault(SubmissionState.NEEDS_REVIEW, 0L);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("needsReview", needsReview);
        details.put("outcomeUnknown", counts.getOrDefault(SubmissionState.OUTCOME_UNKNOWN, 0L));
        details.put("failed", counts.getOrDefault(SubmissionState.FAILED, 0L));
        if (needsReview > 0) {
            details.put(
                    "warning",
                    needsReview + " job create(s) need a person to confirm, resend or abandon them: "
                            + "GET /api/submissions?state=needs_review or 'fieldsync submissions list'");
        }
        healthStatus = HealthStatus.UP;
        return details;
    }

    @Override
    protected String getName() {
        return "submissions";
    }
}
