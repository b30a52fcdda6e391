package dev.fieldsync.application.sync;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayOperation;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pass's pages, fetched one ahead: while the caller applies page N, {@link #prefetch} has page N+1 already on its
 * way on another thread, so a page's fetch and the previous page's commit overlap. At most one page is ahead. A
 * prefetched page is only handed out by {@link #fetch} for the cursor it was asked with; anything else (a stop, a
 * failed apply, a restarted pass) {@link #discard}s it: the fetch is interrupted if it still waits (for budget or an
 * answer) and awaited, so no request of a pass outlives it. A discarded page that was already fetched cost its
 * request. Every fetch is {@code Gateway.listJobs} at {@link Priority#BACKGROUND}, charged by the budget as before.
 * Not thread-safe: one pass's loop uses it.
 */
final class PageFetcher {
    /** One new daemon thread per prefetched page (a pass's pages are milliseconds to seconds apart). */
    static Executor threadPerPage(IntegrationId integration) {
        String name = "fieldsync-prefetch-" + integration.value();
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        };
    }

    private final Gateway gateway;
    private final JobQuery query;
    private final Executor executor;
    private Ahead ahead;

    PageFetcher(Gateway gateway, JobQuery query, Executor executor) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.query = Objects.requireNonNull(query, "query");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * The page at {@code cursor}: the prefetched one if it was asked for this cursor (its failure, if it failed, is
     * thrown here, as the call's own would be), else fetched now on the caller's thread.
     */
    JobPage fetch(Optional<String> cursor) {
        Ahead pending = ahead;
        ahead = null;
        if (pending != null) {
            if (pending.cursor.equals(cursor)) {
                return pending.await();
            }
            pending.discard();
        }
        return gateway.listJobs(query, cursor, Priority.BACKGROUND);
    }

    /** Starts fetching the page at {@code cursor} (a page already ahead is discarded first). */
    void prefetch(Optional<String> cursor) {
        discard();
        Ahead next = new Ahead(Objects.requireNonNull(cursor, "cursor"));
        ahead = next;
        executor.execute(next);
    }

    /** Drops the page ahead, if any, and returns once its fetch has ended. */
    void discard() {
        Ahead pending = ahead;
        ahead = null;
        if (pending != null) {
            pending.discard();
        }
    }

    /** One page on its way; states: waiting to run, running, ended (fetched, failed or discarded). */
    private final class Ahead implements Runnable {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int ENDED = 2;

        final Optional<String> cursor;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Thread runner;
        private JobPage page; // published by the latch
        private Throwable failure;

        Ahead(Optional<String> cursor) {
            this.cursor = cursor;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return; // discarded before it started
            }
            try {
                page = gateway.listJobs(query, cursor, Priority.BACKGROUND);
            } catch (Throwable t) { // handed to the pass's thread, which throws it
                failure = t;
            } finally {
                state.set(ENDED);
                runner = null;
                Thread.interrupted(); // a discard's interrupt must not leak to the executor's next task
                ended.countDown();
            }
        }

        JobPage await() {
            try {
                ended.await();
            } catch (InterruptedException e) {
                discard();
                Thread.currentThread().interrupt();
                throw new GatewayUnavailableException(
                        GatewayOperation.LIST_JOBS.label(),
                        "interrupted while waiting for the prefetched page",
                        Optional.empty(),
                        Optional.empty(),
                        e);
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                throw new IllegalStateException("the prefetched page failed", failure);
            }
            return page;
        }

        void discard() {
            if (state.compareAndSet(WAITING, ENDED)) {
                ended.countDown(); // never started: it will not run
                return;
            }
            Thread thread = runner;
            if (thread != null && state.get() == RUNNING) {
                thread.interrupt();
            }
            boolean interrupted = false;
            while (true) {
                try {
                    ended.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the fetch is being stopped; wait for it, then keep the interrupt
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
