package dev.fieldsync.app.scheduling;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.config.InstanceSettings;
import dev.fieldsync.domain.id.IntegrationId;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The one scheduler every integration's loops share in this process (issue 15: before, each integration had a sync
 * thread, a 2-thread work pool and a sweep thread, about 3.4 threads per integration idle). One timer thread
 * ({@code fieldsync-timer}) only queues due loops; they run on two bounded pools whose idle threads end after
 * {@link #KEEP_ALIVE}: {@code fieldsync.scheduler.pass-threads} workers ({@code fieldsync-pass-N}) for sync passes and
 * sweeps, {@code fieldsync.scheduler.threads} ({@code fieldsync-work-N}) for the short work (outbox dispatch, webhook
 * processing, the pause check), so long passes never hold up another integration's dispatch. Each integration's
 * work of one kind is a {@link Lane} (one task at a time, in order, as its own thread was) and its periodic loops are
 * {@link Repeating}s. The pauses of all integrations are read in one query a second ({@link PauseRefresh}).
 */
@Singleton
public class LoopScheduler implements AutoCloseable {
    /** How long an idle worker thread waits for work before it ends. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private final InstanceSettings.Scheduler settings;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor passes;
    private final ThreadPoolExecutor work;
    private final PauseRefresh pauses;

    @Inject
    public LoopScheduler(FieldsyncSettings settings, SqlIntegrationRegistry registry) {
        this(settings.instance().scheduler(), registry::list);
    }

    /** {@code registry}: one read of every integration (the pause check's query). */
    LoopScheduler(
            InstanceSettings.Scheduler settings,
            Supplier<java.util.List<dev.fieldsync.domain.integration.Integration>> registry) {
        this.settings = settings;
        this.timer = new ScheduledThreadPoolExecutor(1, named("fieldsync-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.passes = pool(settings.passThreads(), "fieldsync-pass");
        this.work = pool(settings.threads(), "fieldsync-work");
        this.pauses = new PauseRefresh(registry, this);
    }

    private static ThreadPoolExecutor pool(int threads, String prefix) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(),
                named(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A lane on the pass pool (sync passes, sweeps) whose tasks run under {@code name}, naming the integration. */
    Lane passLane(String name, IntegrationId integration) {
        return new Lane(passes, name, Optional.of(integration));
    }

    /** A lane on the pool of short work (dispatch, webhook processing). */
    Lane workLane(String name, IntegrationId integration) {
        return new Lane(work, name, Optional.of(integration));
    }

    /** A lane for the process's own short work (no integration). */
    Lane workLane(String name) {
        return new Lane(work, name, Optional.empty());
    }

    /** A loop on the lane; {@code task} answers the wait before its next run. Not started. */
    Repeating repeat(Lane lane, Supplier<Duration> task) {
        return new Repeating(lane, timer, task);
    }

    /** The pause check of every integration whose loops run here. */
    PauseRefresh pauses() {
        return pauses;
    }

    /** How long an idle poll may back off to ({@code fieldsync.scheduler.idle-max-delay}). */
    public Duration idleMaxDelay() {
        return settings.idleMaxDelay();
    }

    /** The backoff of an idle poll that looks every {@code base} while busy. */
    IdleBackoff backoff(Duration base) {
        return new IdleBackoff(base, settings.idleMaxDelay());
    }

    /** The threads the pools run now (timer included; for tests and the benchmark). */
    int threads() {
        return timer.getPoolSize() + passes.getPoolSize() + work.getPoolSize();
    }

    /** After every loop has stopped (their own stop waits for their passes): ends the threads. */
    @PreDestroy
    @Override
    public void close() {
        pauses.stop();
        timer.shutdownNow();
        passes.shutdown();
        work.shutdown();
        try {
            passes.awaitTermination(5, TimeUnit.SECONDS);
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } finally {
            passes.shutdownNow();
            work.shutdownNow();
        }
    }
}
