package dev.fieldsync.benchmarks.harness;

import dev.fieldsync.sandbox.SandboxRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A key's sync passes rebuilt from the sandbox's request log (its oracle, not the service's own logs): a chain of
 * answered job-list pages from one asked without a cursor (or with a cursor no open chain handed out: a pass resumed
 * at a stored checkpoint) through each next cursor to a page without one. A chain spans from its first page's
 * arrival to its last page's answer; two chains of one key that overlap in time mean two instances ran that key's
 * sync at once. A chain left without its last page (a pass stopped early, a one-job probe) ends at its last page.
 */
public final class PassChains {
    private PassChains() {}

    /** One pass as the gateway saw it; {@code complete} when it reached a page without a next cursor. */
    public record Chain(Instant start, Instant end, int pages, boolean complete) {
        boolean overlaps(Chain other) {
            return start.isBefore(other.end) && other.start.isBefore(end);
        }
    }

    /** The key's chains in the order they started. */
    public static List<Chain> of(List<SandboxRequest> log) {
        List<Builder> chains = new ArrayList<>();
        Map<String, Builder> open = new HashMap<>(); // by the next cursor each open chain handed out
        for (SandboxRequest request : log) {
            if (!request.method().equals("GET") || !request.path().equals("/v1/jobs") || request.status() != 200) {
                continue; // a refused page is asked again with the same cursor
            }
            Builder chain = request.cursor() == null ? null : open.remove(request.cursor());
            if (chain == null) {
                chain = new Builder(request.at());
                chains.add(chain);
            }
            chain.add(request);
            if (request.nextCursor() != null) {
                open.put(request.nextCursor(), chain);
            }
        }
        List<Chain> out = new ArrayList<>();
        chains.forEach(chain -> out.add(chain.build()));
        out.sort(Comparator.comparing(Chain::start));
        return out;
    }

    /** Every pair of chains that were open at the same time, as text (empty: one pass at a time). */
    public static List<String> overlaps(List<Chain> chains) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < chains.size(); i++) {
            for (int j = i + 1;
                    j < chains.size()
                            && chains.get(j).start().isBefore(chains.get(i).end());
                    j++) {
                if (chains.get(i).overlaps(chains.get(j))) {
                    out.add(chains.get(i) + " and " + chains.get(j));
                }
            }
        }
        return out;
    }

    private static final class Builder {
        private final Instant start;
        private Instant end;
        private int pages;
        private boolean complete;

        Builder(Instant start) {
            this.start = start;
            this.end = start;
        }

        void add(SandboxRequest page) {
            pages++;
            end = page.answeredAt();
            complete = page.nextCursor() == null;
        }

        Chain build() {
            return new Chain(start, end, pages, complete);
        }
    }
}
