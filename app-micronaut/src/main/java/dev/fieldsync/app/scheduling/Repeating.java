package dev.fieldsync.app.scheduling;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loop of one integration on the shared scheduler: the timer thread only queues the task on its {@link Lane} when
 * it is due, the lane runs it, and the task answers how long to wait before its next run (a fixed delay, or a backoff
 * while idle). Never queued twice: a tick that finds the last run still queued or running adds nothing, so a slow
 * pass never piles up ticks. {@link #wake} runs it at once, or right after the run in flight.
 */
final class Repeating {
    private static final Logger LOG = LoggerFactory.getLogger(Repeating.class);

    private final Lane lane;
    private final ScheduledExecutorService timer;
    private final Supplier<Duration> task;
    /** Guarded by this. */
    private ScheduledFuture<?> next;

    private Duration last = Duration.ofSeconds(1);
    private boolean queued;
    private boolean running;
    private boolean wokenWhileRunning;
    private boolean cancelled;

    Repeating(Lane lane, ScheduledExecutorService timer, Supplier<Duration> task) {
        this.lane = lane;
        this.timer = timer;
        this.task = task;
    }

    /** The first run after {@code initial}. */
    synchronized Repeating start(Duration initial) {
        schedule(initial);
        return this;
    }

    /** Runs at once (or right after the run in flight) instead of when due. */
    synchronized void wake() {
        if (cancelled || queued) {
            return;
        }
        if (running) {
            wokenWhileRunning = true;
            return;
        }
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        enqueue();
    }

    /** No run starts after this (one in flight finishes; the lane's close waits for it). */
    synchronized void cancel() {
        cancelled = true;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void schedule(Duration after) {
        if (cancelled) {
            return;
        }
        try {
            next = timer.schedule(this::due, Math.max(0, after.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shutDown) {
            cancelled = true;
        }
    }

    private synchronized void due() {
        next = null;
        if (!cancelled && !queued && !running) {
            enqueue();
        }
    }

    private void enqueue() {
        queued = true;
        if (!lane.execute(this::run)) {
            queued = false;
            cancelled = true;
        }
    }

    private void run() {
        synchronized (this) {
            queued = false;
            if (cancelled) {
                return;
            }
            running = true;
            wokenWhileRunning = false;
        }
        Duration wait = last;
        try {
            wait = task.get();
        } catch (RuntimeException failure) {
            LOG.warn("{} failed, trying again in {}: {}", lane.name(), wait, failure.getMessage());
        } finally {
            synchronized (this) {
                running = false;
                last = wait;
                if (wokenWhileRunning) {
                    enqueue();
                } else {
                    schedule(wait);
                }
            }
        }
    }
}
