package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Valid job drafts against a fetched catalog (first site, first job type), distinct by index. */
public final class Drafts {
    private Drafts() {}

    public static JobDraftInput valid(LookupCatalog catalog, int i, String externalId) {
        String site = catalog.lookup(LookupKind.SITES)
                .items()
                .get(i % catalog.lookup(LookupKind.SITES).items().size())
                .id()
                .toString();
        String jobType =
                catalog.lookup(LookupKind.JOB_TYPES).items().get(0).id().toString();
        OffsetDateTime start = OffsetDateTime.of(2027, 3, 1, 8, 0, 0, 0, ZoneOffset.ofHours(10))
                .plusMinutes(15L * i);
        return JobDraftInput.builder()
                .site(site)
                .jobType(jobType)
                .title("Bench create " + i)
                .startTime(start.toString())
                .endTime(start.plusHours(2).toString())
                .externalId(externalId)
                .build();
    }
}
