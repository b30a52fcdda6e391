package dev.fieldsync.ports.in.sync;

import java.util.Optional;

/**
 * One run of a sweep: its number, the pages and jobs of this run, jobs repaired and new, and whether it completed
 * (then how many it marked gone and whether it raised a review instead).
 */
public record SweepOutcome(
        long sweep,
        int pages,
        long jobs,
        long repaired,
        long newJobs,
        boolean completed,
        long markedGone,
        boolean reviewRaised,
        Optional<String> error) {}
