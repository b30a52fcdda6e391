package dev.fieldsync.benchmarks.jmh;

import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobDraftInput;
import dev.fieldsync.domain.job.JobFingerprint;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.lookup.Resolution;
import dev.fieldsync.domain.validation.Validated;
import dev.fieldsync.domain.validation.Violation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The per-job and per-command costs of the domain: fingerprinting, catalog resolution, draft validation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DomainBenchmarks {
    private Job job;
    private LookupCatalog catalog;
    private JobDraftInput draftInput;
    private JobDraft draft;

    @Setup
    public void setUp() {
        job = DomainFixtures.job(42);
        catalog = DomainFixtures.catalog();
        draftInput = DomainFixtures.draftInput();
        draft = JobDraft.validate(draftInput).orElseThrow();
    }

    @Benchmark
    public JobFingerprint fingerprint() {
        return job.fingerprint();
    }

    @Benchmark
    public Resolution<SiteId> resolveSiteById() {
        return catalog.lookup(LookupKind.SITES).resolve("3065042");
    }

    @Benchmark
    public Resolution<SiteId> resolveSiteByNameIgnoringCase() {
        return catalog.lookup(LookupKind.SITES).resolve("site 42 brand dr pimpama");
    }

    @Benchmark
    public Resolution<SiteId> resolveUnknownSiteWithSuggestions() {
        return catalog.lookup(LookupKind.SITES).resolve("Site 42 Brand Drive Pimpama");
    }

    @Benchmark
    public Validated<JobDraft> validateDraft() {
        return JobDraft.validate(draftInput);
    }

    @Benchmark
    public List<Violation> validateDraftAgainstCatalog() {
        return catalog.validate(draft);
    }
}
