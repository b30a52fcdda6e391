package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import dev.fieldsync.ports.out.store.Jobs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares the mirror with the sandbox's own view of its jobs ({@code /_sandbox/dump}) and counts jobs that
 * share an external id ({@code /_sandbox/duplicates}): the oracle of the fault soak, crash and scale-out runs.
 */
public final class MirrorOracle {
    private MirrorOracle() {}

    /** What differs; {@link #converged()} when nothing is missing, extra or different and nothing is duplicated. */
    public record Report(
            int sandboxJobs,
            int mirroredJobs,
            List<String> missing,
            List<String> extra,
            List<String> different,
            Map<String, List<String>> duplicates,
            List<String> outOfScopeListed) {
        /** Nothing missing, extra, different, duplicated, and no job out of the key's scope still listed. */
        public boolean converged() {
            return missing.isEmpty()
                    && extra.isEmpty()
                    && different.isEmpty()
                    && duplicates.isEmpty()
                    && outOfScopeListed.isEmpty();
        }

        public String summary() {
            return "sandbox " + sandboxJobs + ", mirror " + mirroredJobs + ", missing " + missing.size() + " "
                    + head(missing) + ", extra " + extra.size() + " " + head(extra) + ", different " + different.size()
                    + " " + head(different) + ", duplicated external ids " + duplicates.size() + " "
                    + duplicates.keySet() + ", out of scope but listed " + outOfScopeListed.size() + " "
                    + head(outOfScopeListed);
        }

        private static List<String> head(List<String> list) {
            return list.subList(0, Math.min(5, list.size()));
        }
    }

    public static Report compare(SandboxAdmin sandbox, Jobs jobs, IntegrationId integration) {
        Map<String, SandboxAdmin.DumpedJob> dump = sandbox.dump();
        Map<String, MirroredJob> mirror = mirror(jobs, integration);
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        List<String> outOfScopeListed = new ArrayList<>();
        for (SandboxAdmin.DumpedJob expected : dump.values()) {
            MirroredJob actual = mirror.get(expected.id());
            if (expected.outOfScope()) {
                // No key lists it: the mirror's default listing must not show it (a sweep marked it gone).
                if (actual != null) {
                    outOfScopeListed.add(expected.id());
                }
                continue;
            }
            if (actual == null) {
                missing.add(expected.id());
            } else if (!actual.job().title().equals(expected.title())
                    || !actual.job().state().name().equalsIgnoreCase(expected.state())
                    || !actual.job().notes().equals(expected.notes())) {
                different.add(expected.id() + " (mirror '" + actual.job().title() + "'/"
                        + actual.job().state() + ", sandbox '" + expected.title() + "'/" + expected.state() + ")");
            }
        }
        List<String> extra = new ArrayList<>(new TreeSet<>(mirror.keySet()));
        extra.removeAll(dump.keySet());
        return new Report(
                dump.size(), mirror.size(), missing, extra, different, sandbox.duplicates(), outOfScopeListed);
    }

    /** Every mirrored job by id that the default listing shows (gone ones left out), in slices. */
    public static Map<String, MirroredJob> mirror(Jobs jobs, IntegrationId integration) {
        Map<String, MirroredJob> all = new HashMap<>();
        Optional<String> after = Optional.empty();
        do {
            JobSearch.Builder search = JobSearch.builder().limit(JobSearch.MAX_LIMIT);
            if (after.isPresent()) {
                search.after(after.get());
            }
            JobSlice slice = jobs.search(integration, search.build());
            slice.jobs().forEach(j -> all.put(j.job().id().value(), j));
            after = slice.nextCursor();
        } while (after.isPresent());
        return all;
    }

    /** How many sandbox jobs carry each of these external ids (1 each means sent exactly once). */
    public static Map<String, Integer> externalIdCounts(SandboxAdmin sandbox, String prefix) {
        Map<String, Integer> counts = new HashMap<>();
        for (SandboxAdmin.DumpedJob job : sandbox.dump().values()) {
            if (job.externalId().startsWith(prefix)) {
                counts.merge(job.externalId(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
