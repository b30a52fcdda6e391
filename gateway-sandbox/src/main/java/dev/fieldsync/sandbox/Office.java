package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.data.Store;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The people behind the real gateway, as its docs describe them (GATEWAY-API.md §6, §9): the scheduling team
 * confirms each job created through the API a short while later, at a <b>different</b> time (shifted, returned
 * with another UTC offset) and moves it to {@code scheduled}; the office edits titles and notes, when it
 * confirms a job and at random over the open jobs — mostly appending to the notes, now and then replacing
 * them. Seeded, in scaled time; each part can be turned off in {@link SandboxSettings}.
 */
final class Office {
    /** At confirmation: the office renames the job, appends to its notes, or (rarely) replaces them. */
    static final double RENAME_ON_CONFIRM = 0.25;

    static final double APPEND_ON_CONFIRM = 0.35;
    static final double REPLACE_ON_CONFIRM = 0.05;
    private static final String[] TITLE_SUFFIXES = {
        " - rebooked", " (customer request)", " - see notes", " [priority]", " - access via rear", " (2 techs)"
    };
    private static final String[] NOTE_LINES = {
        "Office: customer confirmed by phone",
        "Office: gate code changed, ask on arrival",
        "Office: parts ordered",
        "Office: moved at the customer's request",
        "Office: invoice to head office"
    };

    private final SandboxSettings settings;
    private final Random random;
    private final Deque<Pending> toConfirm = new ArrayDeque<>();
    private final AtomicLong confirmed = new AtomicLong();
    private final AtomicLong edits = new AtomicLong();
    private final AtomicLong notesReplaced = new AtomicLong();
    private double dueEdits;

    private record Pending(long jobId, long dueNanos) {}

    /** A status move the sandbox must announce (webhook). */
    record Move(Job job, State from, State to) {}

    Office(SandboxSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed ^ 0x0FF1CEL);
    }

    /** A job was created through the API: the scheduling team will confirm it after the configured delay. */
    synchronized void created(Job job, long nowNanos) {
        if (!settings.schedulerConfirms()) {
            return;
        }
        double min = settings.confirmDelayMinSeconds();
        double delay = min + random.nextDouble() * (settings.confirmDelayMaxSeconds() - min);
        toConfirm.addLast(new Pending(job.id, nowNanos + (long) (delay * 1e9)));
    }

    /** Confirms what is due and makes the office's random edits; returns the status moves to announce. */
    synchronized List<Move> tick(Store store, long nowNanos, double elapsedSeconds) {
        List<Move> moves = new ArrayList<>();
        if (!settings.schedulerConfirms()) {
            toConfirm.clear();
        }
        // Delays are drawn per job, so the queue is not sorted: confirm every due one, keep the others.
        int size = toConfirm.size();
        for (int i = 0; i < size; i++) {
            Pending next = toConfirm.pollFirst();
            if (next.dueNanos() > nowNanos) {
                toConfirm.addLast(next);
                continue;
            }
            Job job = store.job(next.jobId());
            if (job != null && job.status.state() == State.PENDING) {
                confirm(store, job);
                moves.add(new Move(job, State.PENDING, State.SCHEDULED));
            }
        }
        double rate = settings.officeEdits() ? settings.officeEditRatePerSecond() : 0;
        dueEdits = rate <= 0 ? 0 : Math.min(dueEdits + rate * elapsedSeconds, 1_000);
        while (dueEdits >= 1) {
            dueEdits--;
            editRandomOpenJob(store);
        }
        return moves;
    }

    long confirmed() {
        return confirmed.get();
    }

    long edits() {
        return edits.get();
    }

    long notesReplaced() {
        return notesReplaced.get();
    }

    synchronized void reset() {
        toConfirm.clear();
        dueEdits = 0;
        confirmed.set(0);
        edits.set(0);
        notesReplaced.set(0);
    }

    /** Another window (shifted by hours to days, another offset), scheduled; the office may touch it too. */
    private void confirm(Store store, Job job) {
        long shift = (2 + random.nextInt(70)) * 3600L;
        long duration = Math.max(1800, job.endEpochSecond - job.startEpochSecond + (random.nextInt(5) - 2) * 900L);
        long start = job.startEpochSecond + shift;
        int offset = otherOffset(job, start);
        boolean officeEdits = settings.officeEdits();
        double roll = random.nextDouble();
        store.update(job, j -> {
            j.startEpochSecond = start;
            j.startOffsetSeconds = offset;
            j.endEpochSecond = start + duration;
            j.endOffsetSeconds = offset;
            j.status = store.primaryStatus(State.SCHEDULED);
            if (officeEdits) {
                if (roll < REPLACE_ON_CONFIRM) {
                    replaceNotes(j);
                } else if (roll < REPLACE_ON_CONFIRM + APPEND_ON_CONFIRM) {
                    appendNote(j);
                }
                if (random.nextDouble() < RENAME_ON_CONFIRM) {
                    rename(j);
                }
            }
        });
        confirmed.incrementAndGet();
    }

    /** The site's own offset when the client sent another one, else UTC: never the offset the client sent. */
    private static int otherOffset(Job job, long start) {
        int site =
                job.site.zone.getRules().getOffset(Instant.ofEpochSecond(start)).getTotalSeconds();
        return site != job.startOffsetSeconds ? site : ZoneOffset.UTC.getTotalSeconds();
    }

    private void editRandomOpenJob(Store store) {
        int count = store.jobCount();
        for (int attempt = 0; count > 0 && attempt < 32; attempt++) {
            Job job = store.jobAt(random.nextInt(count));
            if (!job.status.state().open()) {
                continue;
            }
            double roll = random.nextDouble();
            store.update(job, j -> {
                if (roll < 0.5) {
                    rename(j);
                } else if (roll < 0.95) {
                    appendNote(j);
                } else {
                    replaceNotes(j);
                }
            });
            return;
        }
    }

    private void rename(Job j) {
        String suffix = TITLE_SUFFIXES[random.nextInt(TITLE_SUFFIXES.length)];
        String base = j.title == null ? "" : j.title;
        int room = 200 - suffix.length();
        if (base.codePointCount(0, base.length()) > room) {
            base = base.substring(0, base.offsetByCodePoints(0, room));
        }
        j.title = base + suffix;
        edits.incrementAndGet();
    }

    private void appendNote(Job j) {
        String line = NOTE_LINES[random.nextInt(NOTE_LINES.length)];
        String notes = j.notes == null || j.notes.isEmpty() ? line : j.notes + "\n" + line;
        if (notes.codePointCount(0, notes.length()) > 2000) {
            replaceNotes(j);
            return;
        }
        j.notes = notes;
        edits.incrementAndGet();
    }

    private void replaceNotes(Job j) {
        j.notes = "Office: notes tidied up, see the job history";
        edits.incrementAndGet();
        notesReplaced.incrementAndGet();
    }

    /** One edit by hand: a new title and/or notes (null keeps each; "" clears the notes). False when no such job. */
    static boolean edit(Store store, Long id, String newTitle, String newNotes) {
        Job job = id == null ? null : store.job(id);
        if (job == null) {
            return false;
        }
        store.update(job, edited -> {
            if (newTitle != null) {
                edited.title = newTitle;
            }
            if (newNotes != null) {
                edited.notes = newNotes.isEmpty() ? null : newNotes;
            }
        });
        return true;
    }
}
