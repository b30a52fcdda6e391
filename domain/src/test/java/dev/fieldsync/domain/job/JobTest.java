package dev.fieldsync.domain.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobTest {

    static Job job(Map<String, String> customFields) {
        JobBuilder builder = new JobBuilder();
        builder.customFields = customFields;
        return builder.build();
    }

    static Job job() {
        return new JobBuilder().build();
    }

    private static Job changed(Consumer<JobBuilder> change) {
        JobBuilder builder = new JobBuilder();
        change.accept(builder);
        return builder.build();
    }

    @Test
    void fingerprintIsStableAcrossCustomFieldInsertionOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        forward.put("c", "3");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("c", "3");
        backward.put("b", "2");
        backward.put("a", "1");
        assertThat(job(forward).fingerprint()).isEqualTo(job(backward).fingerprint());
        assertThat(job(forward)).isEqualTo(job(backward));
        assertThat(job(forward).fingerprint().hex()).matches("[0-9a-f]{64}");
    }

    @Test
    void fingerprintIsDeterministic() {
        assertThat(JobFingerprint.of(job())).isEqualTo(JobFingerprint.of(job()));
    }

    @Test
    void fingerprintChangesWhenAnyMemberChanges() {
        Job base = job();
        Map<String, Job> changes = new LinkedHashMap<>();
        changes.put("id", changed(b -> b.id = JobId.of("21172160")));
        changes.put("number", changed(b -> b.number = JobNumber.of("17")));
        changes.put("series number", changed(b -> b.seriesNumber = 17));
        changes.put("primary", changed(b -> b.primary = false));
        changes.put("title", changed(b -> b.title = "Annual service "));
        changes.put(
                "status id",
                changed(b -> b.status = new JobStatus(StatusId.of("68393"), "Tentative", JobState.PENDING)));
        changes.put(
                "status name",
                changed(b -> b.status = new JobStatus(StatusId.of("68392"), "Booked", JobState.PENDING)));
        changes.put(
                "status state",
                changed(b -> b.status = new JobStatus(StatusId.of("68392"), "Tentative", JobState.SCHEDULED)));
        changes.put(
                "start", changed(b -> b.startTime = Optional.of(OffsetDateTime.parse("2026-07-01T09:30:00+10:00"))));
        changes.put("start absent", changed(b -> b.startTime = Optional.empty()));
        changes.put("end", changed(b -> b.endTime = Optional.of(OffsetDateTime.parse("2026-07-01T12:00:00+10:00"))));
        changes.put("customer id", changed(b -> b.customer = new CustomerRef(CustomerId.of("245716"), "Acme")));
        changes.put("customer name", changed(b -> b.customer = new CustomerRef(CustomerId.of("245715"), "Acme Ltd")));
        changes.put("site id", changed(b -> b.site = new SiteRef(SiteId.of("1"), b.site.address())));
        changes.put("site address", changed(b -> b.site = new SiteRef(b.site.id(), "elsewhere")));
        changes.put("notes", changed(b -> b.notes = "called ahead"));
        changes.put("custom field removed", changed(b -> b.customFields = Map.of("scope_of_work", "Install")));
        changes.put(
                "custom field value",
                changed(b -> b.customFields = Map.of("scope_of_work", "Install", "access_notes", "code")));
        changes.put("external id", changed(b -> b.externalId = Optional.of("erp-1")));
        changes.put("external id empty", changed(b -> b.externalId = Optional.of("")));
        changes.put("purchase order", changed(b -> b.purchaseOrderNumber = Optional.of("PO-1")));
        changes.put("project", changed(b -> b.project = Optional.of(ProjectId.of("5"))));
        changes.put("job type", changed(b -> b.jobType = Optional.of(JobTypeId.of("5"))));
        changes.forEach((what, job) -> {
            assertThat(job).as(what).isNotEqualTo(base);
            assertThat(job.fingerprint()).as(what).isNotEqualTo(base.fingerprint());
        });
        // The withers change content too.
        assertThat(base.withNotes("x").fingerprint()).isNotEqualTo(base.fingerprint());
        assertThat(base.withStatus(new JobStatus(StatusId.of("1"), "Done", JobState.COMPLETED))
                        .fingerprint())
                .isNotEqualTo(base.fingerprint());
        assertThat(changes.values().stream().map(Job::fingerprint).distinct()).hasSize(changes.size());
    }

    @Test
    void movingAValueBetweenOptionalMembersChangesTheFingerprint() {
        Job asExternalId = changed(b -> b.externalId = Optional.of("X"));
        Job asPurchaseOrder = changed(b -> b.purchaseOrderNumber = Optional.of("X"));
        assertThat(asExternalId.fingerprint()).isNotEqualTo(asPurchaseOrder.fingerprint());
    }

    @Test
    void customFieldKeyValueBoundariesAreNotAmbiguous() {
        assertThat(job(Map.of("ab", "c")).fingerprint())
                .isNotEqualTo(job(Map.of("a", "bc")).fingerprint());
    }

    @Test
    void fingerprintRefusesMalformedHex() {
        assertThatThrownBy(() -> new JobFingerprint("ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JobFingerprint("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullNotesAndCustomFieldsBecomeEmpty() {
        Job job = job();
        Job bare = new Job(
                job.id(),
                job.number(),
                1,
                false,
                "t",
                job.status(),
                Optional.empty(),
                Optional.empty(),
                job.customer(),
                job.site(),
                null,
                null,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThat(bare.notes()).isEmpty();
        assertThat(bare.customFields()).isEmpty();
        assertThatThrownBy(() -> bare.customFields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void stateFollowsStatus() {
        assertThat(job().state()).isEqualTo(JobState.PENDING);
        assertThat(job().withStatus(new JobStatus(StatusId.of("1"), "Done", JobState.COMPLETED))
                        .state())
                .isEqualTo(JobState.COMPLETED);
    }

    @ParameterizedTest
    @EnumSource(JobState.class)
    void onlyCompletedAndCancelledAreClosedAndOnlyPendingIsEditable(JobState state) {
        assertThat(state.isOpen()).isEqualTo(state != JobState.COMPLETED && state != JobState.CANCELLED);
        assertThat(state.isEditable()).isEqualTo(state == JobState.PENDING);
    }

    @Test
    void statesMapFromTheWireAndUnknownOnesAreKept() {
        assertThat(JobState.fromWire("pending")).isEqualTo(JobState.PENDING);
        assertThat(JobState.fromWire("in_progress")).isEqualTo(JobState.IN_PROGRESS);
        assertThat(JobState.fromWire(" Cancelled ")).isEqualTo(JobState.CANCELLED);
        assertThat(JobState.fromWire("on_hold")).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.fromWire(null)).isEqualTo(JobState.UNKNOWN);
        assertThat(JobState.find("unknown")).isEmpty();
        assertThat(JobState.find("scheduled")).contains(JobState.SCHEDULED);
    }

    @Test
    void cancelReasonIsTrimmedAndBlankMeansNone() {
        assertThat(new CancelRequest(JobId.of("1"), Optional.of("  customer moved  ")).reason())
                .contains("customer moved");
        assertThat(new CancelRequest(JobId.of("1"), Optional.of("   ")).reason())
                .isEmpty();
        assertThat(new CancelRequest(JobId.of("1"), Optional.of("r".repeat(2000))).reason())
                .isPresent();
        assertThatThrownBy(() -> new CancelRequest(JobId.of("1"), Optional.of("r".repeat(2001))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2000");
    }
}
