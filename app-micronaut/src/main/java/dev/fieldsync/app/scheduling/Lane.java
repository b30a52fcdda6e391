package dev.fieldsync.app.scheduling;

import dev.fieldsync.app.logging.MdcLogFields;
import dev.fieldsync.domain.id.IntegrationId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.MDC;

/**
 * One integration's tasks of one kind (its sync passes, its sweep, its dispatch, its webhook processing) on a pool
 * the whole process shares ({@link LoopScheduler}): one task at a time, in the order given, as on a thread of their
 * own, without one. While a task runs, the worker thread carries the lane's name ({@code fieldsync-sync-beta-3}) and
 * the integration MDC field, so its log lines name the integration; afterwards both are put back. After each task
 * the lane gives its worker back to the pool when more waits, so a busy lane cannot starve the others.
 */
final class Lane {
    private final Executor pool;
    private final String name;
    private final Optional<IntegrationId> integration;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    /** Guarded by this: a drain is queued on or running in the pool; a task runs now; no task is taken any more. */
    private boolean active;

    private boolean running;
    private boolean closed;

    Lane(Executor pool, String name, Optional<IntegrationId> integration) {
        this.pool = pool;
        this.name = name;
        this.integration = integration;
    }

    String name() {
        return name;
    }

    /** Queues the task behind the lane's others; false once the lane (or the pool) is closed. */
    synchronized boolean execute(Runnable task) {
        if (closed) {
            return false;
        }
        queue.add(task);
        if (!active) {
            active = true;
            submitDrain();
        }
        return !closed; // false when the pool refused: it is shut down
    }

    /** Whether a task of the lane runs now. */
    synchronized boolean busy() {
        return running;
    }

    private void drain() {
        Runnable task;
        synchronized (this) {
            task = queue.poll();
            if (task == null) {
                active = false;
                return;
            }
            running = true;
        }
        Thread thread = Thread.currentThread();
        String before = thread.getName();
        String mdcBefore = MDC.get(MdcLogFields.INTEGRATION);
        int dash = before.lastIndexOf('-');
        thread.setName(name + (dash < 0 ? "-1" : before.substring(dash)));
        integration.ifPresent(id -> MDC.put(MdcLogFields.INTEGRATION, id.value()));
        try {
            task.run();
        } finally {
            thread.setName(before);
            if (mdcBefore == null) {
                MDC.remove(MdcLogFields.INTEGRATION);
            } else {
                MDC.put(MdcLogFields.INTEGRATION, mdcBefore);
            }
            synchronized (this) {
                running = false;
                notifyAll();
                if (queue.isEmpty()) {
                    active = false;
                } else {
                    submitDrain();
                }
            }
        }
    }

    /** Guarded by this: a drain goes behind the other lanes' work; a pool that is shut down closes the lane. */
    private void submitDrain() {
        try {
            pool.execute(this::drain);
        } catch (RejectedExecutionException shutDown) {
            active = false;
            closed = true;
            queue.clear();
        }
    }

    /**
     * Takes no task any more, drops the queued ones, and waits up to {@code timeout} for the running one; true when
     * none runs.
     */
    boolean close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            closed = true;
            queue.clear();
            try {
                while (running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    wait(Math.max(1, left / 1_000_000));
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return !running;
            }
            return true;
        }
    }
}
