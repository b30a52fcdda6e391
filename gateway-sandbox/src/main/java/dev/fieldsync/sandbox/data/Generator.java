package dev.fieldsync.sandbox.data;

import dev.fieldsync.sandbox.data.Catalog.CustomField;
import dev.fieldsync.sandbox.data.Catalog.Customer;
import dev.fieldsync.sandbox.data.Catalog.JobType;
import dev.fieldsync.sandbox.data.Catalog.Project;
import dev.fieldsync.sandbox.data.Catalog.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic data from a seed: the same seed and job count give the same catalog and jobs
 * (updated_at is spread over the 90 days before the generator's clock, so only the anchor moves).
 */
public final class Generator {
    public static final long JOB_ID_BASE = 21_170_000L;
    public static final long SITE_ID_BASE = 3_065_700L;

    private static final String[] CUSTOMER_NAMES = {
        "Acme Facilities",
        "Brightside Property Group",
        "Coastal Strata Management",
        "Dunmore Schools Trust",
        "Eastgate Retail Pty Ltd"
    };
    /** Sites per customer: some customers have many sites; the total stays well under the 100 cap. */
    private static final int[] SITES_PER_CUSTOMER = {28, 14, 8, 5, 2};

    private record Place(String suburb, String state, String postcode, String zone) {}

    private static final Place[] PLACES = {
        new Place("Pimpama", "QLD", "4209", "Australia/Brisbane"),
        new Place("Southport", "QLD", "4215", "Australia/Brisbane"),
        new Place("Fortitude Valley", "QLD", "4006", "Australia/Brisbane"),
        new Place("Parramatta", "NSW", "2150", "Australia/Sydney"),
        new Place("Newtown", "NSW", "2042", "Australia/Sydney"),
        new Place("Wollongong", "NSW", "2500", "Australia/Sydney"),
        new Place("Richmond", "VIC", "3121", "Australia/Melbourne"),
        new Place("Geelong", "VIC", "3220", "Australia/Melbourne"),
        new Place("Adelaide", "SA", "5000", "Australia/Adelaide"),
        new Place("Fremantle", "WA", "6160", "Australia/Perth"),
        new Place("Hobart", "TAS", "7000", "Australia/Hobart"),
        new Place("Darwin City", "NT", "0800", "Australia/Darwin"),
        new Place("Braddon", "ACT", "2612", "Australia/Sydney")
    };
    private static final String[] STREETS = {
        "Brand Dr",
        "George St",
        "Smith St",
        "Chapel St",
        "Ocean Pde",
        "Station Rd",
        "Church St",
        "High St",
        "Beach Rd",
        "Ridge Rd",
        "Gympie Tce",
        "Logan Rd",
        "Bourke St",
        "Hay St",
        "Murray St"
    };
    private static final String[] BUSINESS_SUFFIXES = {
        "Shopping Centre",
        "Medical Centre",
        "Primary School",
        "Distribution Centre",
        "Apartments",
        "Community Hall",
        "Office Tower",
        "Aquatic Centre"
    };
    private static final String[] TITLES = {
        "Annual service",
        "Quarterly fire extinguisher inspection",
        "Replace hot water system",
        "Air-con not cooling",
        "Blocked drain – kitchen",
        "Smoke alarm compliance check",
        "Install split system 7kW",
        "Roof leak investigation",
        "Switchboard upgrade",
        "Emergency lighting test",
        "Backflow prevention test",
        "Gutter clean",
        "Leaking tap – ensuite",
        "RCD safety switch test",
        "Quote: solar panel install",
        "Door closer replacement",
        "Test and tag",
        "CCTV camera fault",
        "Grease trap pump-out",
        "Pest control – quarterly"
    };
    private static final String[] TITLE_SUFFIXES = {"", "", " (Level 2)", " – urgent", " – follow-up"};
    private static final String[] NOTES = {
        "Gate code 4471", "Call tenant 30 min before arrival", "Key in lockbox at reception",
        "Parking at rear, loading dock", "Site induction required on arrival", "Dog on premises"
    };
    private static final String[] SCOPES = {
        "Install", "Inspect and report", "Repair like for like", "Replace unit", "Service per schedule"
    };

    private final Clock clock;

    public Generator(Clock clock) {
        this.clock = clock;
    }

    public Store generate(long seed, int jobCount, boolean lookupsOverCap) {
        return generate(seed, jobCount, lookupsOverCap, JOB_ID_BASE, SITE_ID_BASE);
    }

    /** As {@link #generate(long, int, boolean)}, job and site ids from these bases (a tenant's own range). */
    public Store generate(long seed, int jobCount, boolean lookupsOverCap, long jobIdBase, long siteIdBase) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < CUSTOMER_NAMES.length; i++) {
            customers.add(new Customer(245_715L + i * 7L, CUSTOMER_NAMES[i]));
        }
        List<Project> projects = List.of(
                new Project(880_101L, "2026 Fire Safety Program"),
                new Project(880_102L, "HVAC Upgrade Stage 2"),
                new Project(880_103L, "School Holidays Maintenance"),
                new Project(880_104L, "Strata Compliance 2026"),
                new Project(880_105L, "Retail Refit Wave 3"));
        List<JobType> types = List.of(
                new JobType(5_001L, "Service"),
                new JobType(5_002L, "Installation"),
                new JobType(5_003L, "Repair"),
                new JobType(5_004L, "Inspection"),
                new JobType(5_005L, "Quote"),
                new JobType(5_006L, "Emergency Callout"));
        List<Status> statuses = List.of(
                new Status(68_392L, "Tentative", State.PENDING),
                new Status(68_393L, "Scheduled", State.SCHEDULED),
                new Status(68_394L, "Dispatched", State.SCHEDULED),
                new Status(68_395L, "In Progress", State.IN_PROGRESS),
                new Status(68_396L, "Completed", State.COMPLETED),
                new Status(68_397L, "Invoiced", State.COMPLETED),
                new Status(68_398L, "Cancelled", State.CANCELLED));
        List<CustomField> fields = List.of(
                new CustomField("scope_of_work", 91_01L, null),
                new CustomField("access_instructions", 91_02L, null),
                new CustomField("preferred_contact", 91_03L, null),
                new CustomField("asset_tag", 91_04L, 5_004L),
                new CustomField("compliance_standard", 91_05L, 5_004L),
                new CustomField("parts_required", 91_06L, 5_003L));
        Store store =
                new Store(clock, new Catalog(customers, projects, types, statuses, fields), jobIdBase, siteIdBase);

        for (int c = 0; c < customers.size(); c++) {
            int count = SITES_PER_CUSTOMER[c] * (lookupsOverCap ? 5 : 1);
            for (int i = 0; i < count; i++) {
                Place place = PLACES[rng.nextInt(PLACES.length)];
                Site s = store.addSite(customers.get(c), ZoneId.of(place.zone()));
                int number = 1 + rng.nextInt(250);
                String street = STREETS[rng.nextInt(STREETS.length)];
                String unit = rng.nextInt(4) == 0 ? "Unit " + (1 + rng.nextInt(12)) + "/" : "";
                s.address = unit + number + " " + street + ", " + place.suburb() + " " + place.state() + " "
                        + place.postcode();
                if (rng.nextInt(3) != 0) {
                    s.businessName = place.suburb() + " " + BUSINESS_SUFFIXES[rng.nextInt(BUSINESS_SUFFIXES.length)];
                } else {
                    s.firstName = "Alex";
                    s.lastName = "Nguyen";
                }
            }
        }
        List<Site> sites = store.sites();

        String[] titles = new String[TITLES.length * TITLE_SUFFIXES.length];
        for (int i = 0; i < TITLES.length; i++) {
            for (int k = 0; k < TITLE_SUFFIXES.length; k++) {
                titles[i * TITLE_SUFFIXES.length + k] = TITLES[i] + TITLE_SUFFIXES[k];
            }
        }
        long now = clock.millis();
        long window = Duration.ofDays(90).toMillis();
        for (int n = 0; n < jobCount; n++) {
            Site site = sites.get(rng.nextInt(sites.size()));
            JobType type = types.get(rng.nextInt(types.size()));
            Project project = rng.nextInt(10) < 3 ? projects.get(rng.nextInt(projects.size())) : null;
            long updated = now - 1 - (long) (rng.nextDouble() * window);
            Job j = store.append(site, type, project, updated);
            j.title = titles[rng.nextInt(titles.length)];
            int roll = rng.nextInt(100);
            State state = roll < 15
                    ? State.PENDING
                    : roll < 30
                            ? State.SCHEDULED
                            : roll < 35 ? State.IN_PROGRESS : roll < 85 ? State.COMPLETED : State.CANCELLED;
            j.status = pickStatus(statuses, state, rng);
            // Open jobs start after their last update, closed ones before it.
            long dayShift = state.open() ? 1 + rng.nextInt(30) : -(1 + rng.nextInt(20));
            LocalDate day = LocalDateTime.ofInstant(Instant.ofEpochMilli(updated), site.zone)
                    .toLocalDate()
                    .plusDays(dayShift);
            LocalTime time = LocalTime.of(7 + rng.nextInt(10), rng.nextBoolean() ? 0 : 30);
            ZonedDateTime start = ZonedDateTime.of(day, time, site.zone);
            ZonedDateTime end = start.plusMinutes(60L * (1 + rng.nextInt(4)));
            j.startEpochSecond = start.toEpochSecond();
            j.startOffsetSeconds = start.getOffset().getTotalSeconds();
            j.endEpochSecond = end.toEpochSecond();
            j.endOffsetSeconds = end.getOffset().getTotalSeconds();
            if (rng.nextInt(10) < 4) {
                j.notes = NOTES[rng.nextInt(NOTES.length)];
            }
            if (rng.nextInt(10) < 3) {
                j.purchaseOrderNumber = "PO-" + (100_000 + j.number);
            }
            if (rng.nextInt(2) == 0) {
                j.externalId = "ERP-" + (700_000 + j.number);
            }
            if (rng.nextInt(10) < 3) {
                String[] values = new String[fields.size()];
                values[0] = SCOPES[rng.nextInt(SCOPES.length)];
                if (type.id() == 5_004L && rng.nextBoolean()) {
                    values[3] = "AT-" + (10_000 + rng.nextInt(90_000));
                }
                j.customFields = values;
            }
        }
        store.indexAll();
        return store;
    }

    private static Status pickStatus(List<Status> statuses, State state, SplittableRandom rng) {
        List<Status> candidates = new ArrayList<>(2);
        for (Status s : statuses) {
            if (s.state() == state) {
                candidates.add(s);
            }
        }
        // The first status of a state is the common one.
        return rng.nextInt(4) == 0 ? candidates.get(rng.nextInt(candidates.size())) : candidates.get(0);
    }
}
