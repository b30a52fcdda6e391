package dev.fieldsync.adapters.memory;

import dev.fieldsync.domain.id.CustomerId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CustomerRef;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.job.JobStatus;
import dev.fieldsync.domain.job.SiteRef;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.NamedItem;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The realistic data of {@link ScriptedGateway#withDefaultData}: same seed, same data. */
final class ScriptedGatewayData {
    private ScriptedGatewayData() {}

    private static final ZoneOffset BRISBANE = ZoneOffset.ofHours(10);
    private static final String[] TITLES = {
        "Annual service",
        "Air-con repair",
        "Install hot water system",
        "Quarterly inspection",
        "Replace filters",
        "Leak investigation",
        "Switchboard upgrade",
        "Roof gutter clean",
        "Fire panel test",
        "Pump maintenance"
    };

    static void seed(ScriptedCatalog catalog, ScriptedJobs jobs, Instant now, int jobCount, Random random) {
        List<NamedItem<CustomerId>> customers = List.of(
                new NamedItem<>(CustomerId.of("245715"), "Acme Facilities"),
                new NamedItem<>(CustomerId.of("245716"), "Brightwater Council"),
                new NamedItem<>(CustomerId.of("245717"), "Coastal Health"));
        String[] streets = {
            "Unit 3/24 Brand Dr, Pimpama QLD 4209",
            "12 Ocean Pde, Coolangatta QLD 4225",
            "7 Mill St, Toowoomba QLD 4350",
            "88 Queen St, Brisbane QLD 4000",
            "5 Beach Rd, Noosa QLD 4567",
            "41 Ridge Ave, Ipswich QLD 4305",
            "2 Harbour Tce, Gladstone QLD 4680",
            "19 Palm Ct, Cairns QLD 4870",
            "63 River Rd, Logan QLD 4114",
            "110 Park Ln, Redcliffe QLD 4020"
        };
        List<NamedItem<SiteId>> sites = new ArrayList<>();
        for (int i = 0; i < streets.length; i++) {
            sites.add(new NamedItem<>(SiteId.of(Long.toString(3_065_756L + i)), streets[i]));
        }
        List<NamedItem<ProjectId>> projects = List.of(
                new NamedItem<>(ProjectId.of("9001"), "Maintenance contract 2026"),
                new NamedItem<>(ProjectId.of("9002"), "Capital works"));
        List<NamedItem<JobTypeId>> jobTypes = List.of(
                new NamedItem<>(JobTypeId.of("501"), "Service"),
                new NamedItem<>(JobTypeId.of("502"), "Repair"),
                new NamedItem<>(JobTypeId.of("503"), "Installation"));
        List<JobStatus> statuses = List.of(
                new JobStatus(StatusId.of("68392"), "Tentative", JobState.PENDING),
                new JobStatus(StatusId.of("68393"), "Scheduled", JobState.SCHEDULED),
                new JobStatus(StatusId.of("68394"), "In Progress", JobState.IN_PROGRESS),
                new JobStatus(StatusId.of("68395"), "Completed", JobState.COMPLETED),
                new JobStatus(StatusId.of("68396"), "Cancelled", JobState.CANCELLED));
        List<CustomFieldDef> fields = List.of(
                new CustomFieldDef("scope_of_work", "cf_101", Optional.empty()),
                new CustomFieldDef("access_instructions", "cf_102", Optional.empty()),
                new CustomFieldDef("warranty_claim_number", "cf_103", Optional.of(JobTypeId.of("502"))));
        catalog.seed(customers, sites, projects, jobTypes, statuses, fields);

        long thirtyDaysMillis = Duration.ofDays(30).toMillis();
        List<ScriptedSite> siteRecords = catalog.siteRecords();
        for (int i = 0; i < jobCount; i++) {
            ScriptedSite site = siteRecords.get(random.nextInt(siteRecords.size()));
            JobStatus status = statuses.get(pickState(random));
            NamedItem<JobTypeId> type = jobTypes.get(random.nextInt(jobTypes.size()));
            OffsetDateTime start = now.atOffset(BRISBANE)
                    .truncatedTo(ChronoUnit.HOURS)
                    .plusDays(random.nextInt(61) - 30L)
                    .withHour(7 + random.nextInt(9));
            Map<String, String> custom = random.nextBoolean() ? Map.of("scope_of_work", "Scope " + i) : Map.of();
            int number = jobs.takeNumber();
            JobId id = jobs.takeId();
            Job job = new Job(
                    id,
                    JobNumber.of(Integer.toString(number)),
                    number,
                    true,
                    TITLES[random.nextInt(TITLES.length)],
                    status,
                    Optional.of(start),
                    Optional.of(start.plusHours(1 + random.nextInt(3))),
                    new CustomerRef(site.customer(), catalog.customerName(site.customer())),
                    new SiteRef(site.id(), site.address()),
                    random.nextInt(4) == 0 ? "Call ahead" : "",
                    custom,
                    Optional.of("seed-" + i),
                    Optional.empty(),
                    random.nextBoolean()
                            ? Optional.of(projects.get(random.nextInt(projects.size()))
                                    .id())
                            : Optional.empty(),
                    Optional.of(type.id()));
            Instant updatedAt = now.minusMillis(1 + (long) (random.nextDouble() * (thirtyDaysMillis - 1)));
            jobs.put(job, updatedAt);
        }
    }

    /** Mostly open work, some finished and a few cancelled. */
    private static int pickState(Random random) {
        int roll = random.nextInt(100);
        if (roll < 30) {
            return 0;
        }
        if (roll < 55) {
            return 1;
        }
        if (roll < 65) {
            return 2;
        }
        return roll < 90 ? 3 : 4;
    }
}
