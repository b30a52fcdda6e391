package dev.fieldsync.app.wiring;

import dev.fieldsync.adapters.persistence.integration.SqlIntegrationRegistry;
import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.scheduling.IntegrationWork;
import dev.fieldsync.app.scheduling.IntegrationWorks;
import dev.fieldsync.app.scheduling.ServedIntegrationsListener;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.out.budget.RateBudget;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integrations this process serves: the {@code default} one (the settings' integration, over the service's
 * beans) and one {@link IntegrationRuntime} per other enabled registry integration. Built at start-up, reconciled with
 * the registry every {@code fieldsync.registry.refresh-interval} and at once after a change through this instance's
 * API: a new integration starts, a changed one is rebuilt, a removed or disabled one stops (its pass at its next page
 * boundary) and is closed; a paused one keeps its core (reads answer) while its loops run no work. The loops run only
 * once the HTTP server is up (a one-shot CLI command builds the cores and runs nothing). After each reconcile the
 * served set goes to every {@link ServedIntegrationsListener} (the change deliverers, the gauges).
 */
public final class IntegrationRuntimes implements IntegrationCores, IntegrationWorks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationRuntimes.class);

    private final FieldsyncSettings settings;
    private final ServedIntegration defaultServed;
    private final RateBudget defaultBudget;
    private final SqlIntegrationRegistry registry;
    private final Function<Vertx, RuntimeContext> contexts;
    private final Duration refreshInterval;
    private final List<ServedIntegrationsListener> listeners;
    private final Map<IntegrationId, IntegrationRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<IntegrationId, String> problems = new ConcurrentHashMap<>();
    private Vertx vertx;
    private RuntimeContext context;
    private ScheduledExecutorService reconciler;
    private volatile boolean started;
    private volatile boolean closed;

    IntegrationRuntimes(
            FieldsyncSettings settings,
            ServedIntegration defaultServed,
            RateBudget defaultBudget,
            SqlIntegrationRegistry registry,
            Function<Vertx, RuntimeContext> contexts,
            Duration refreshInterval,
            List<ServedIntegrationsListener> listeners,
            boolean declareOwn) {
        this.settings = settings;
        this.defaultServed = defaultServed;
        this.defaultBudget = defaultBudget;
        this.registry = registry;
        this.contexts = contexts;
        this.refreshInterval = refreshInterval;
        this.listeners = List.copyOf(listeners);
        if (declareOwn) {
            // not when the CLI runs as another integration's entry: the settings are that entry's, not the service's
            registry.declare(ConfiguredIntegration.of(settings));
        }
        settings.integrations().forEach(registry::declare);
        reconcile();
    }

    @Override
    public IntegrationId defaultIntegration() {
        return defaultServed.id();
    }

    @Override
    public Optional<ServedIntegration> find(IntegrationId integration) {
        if (integration.equals(defaultServed.id())) {
            return Optional.of(defaultServed);
        }
        return Optional.ofNullable(runtimes.get(integration)).map(IntegrationRuntime::served);
    }

    @Override
    public List<ServedIntegration> all() {
        List<ServedIntegration> all = new ArrayList<>();
        all.add(defaultServed);
        runtimes.values().stream()
                .map(IntegrationRuntime::served)
                .sorted(java.util.Comparator.comparing(served -> served.id().value()))
                .forEach(all::add);
        return all;
    }

    @Override
    public Optional<IntegrationWork> work(IntegrationId integration) {
        return find(integration).map(ServedIntegration::work);
    }

    /** The integration's request budget, while this process serves it. */
    public Optional<RateBudget> budget(IntegrationId integration) {
        if (integration.equals(defaultServed.id())) {
            return Optional.of(defaultBudget);
        }
        return Optional.ofNullable(runtimes.get(integration)).map(IntegrationRuntime::budget);
    }

    /**
     * Why an enabled registry integration is not served or cannot work: its runtime could not be built, or its key
     * cannot be read (the message names the source, never a key). Empty when it runs.
     */
    @Override
    public Optional<String> problem(IntegrationId integration) {
        return Optional.ofNullable(problems.get(integration))
                .or(() -> Optional.ofNullable(runtimes.get(integration)).flatMap(IntegrationRuntime::keyProblem));
    }

    /** The server is up: run every runtime's loops and reconcile with the registry from now on (once). */
    synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        runtimes.values().forEach(IntegrationRuntime::start);
        reconciler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fieldsync-integrations");
            thread.setDaemon(true);
            return thread;
        });
        reconciler.scheduleWithFixedDelay(
                this::reconcile, refreshInterval.toMillis(), refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(
                "serving {} integration(s): {}; the registry is read again every {}",
                runtimes.size() + 1,
                all().stream().map(served -> served.id().value()).toList(),
                refreshInterval);
    }

    /** A change was made through this instance: reconcile now instead of at the next tick. */
    void refreshSoon() {
        ScheduledExecutorService now = reconciler;
        if (now != null && !closed) {
            now.execute(this::reconcile);
        }
    }

    /**
     * Stops and closes the integration's runtime, then runs {@code removal} (which deletes it and its data from the
     * registry), with no reconcile in between that could start it again.
     */
    synchronized boolean remove(IntegrationId integration, BooleanSupplier removal) {
        IntegrationRuntime runtime = runtimes.remove(integration);
        if (runtime != null) {
            LOG.info("integration {} is being removed: stopping its work", integration);
            runtime.close();
        }
        problems.remove(integration);
        tellServed();
        return removal.getAsBoolean();
    }

    /** Brings the runtimes in line with the registry's enabled integrations. */
    synchronized void reconcile() {
        if (closed) {
            return;
        }
        Map<IntegrationId, Integration> wanted = new LinkedHashMap<>();
        try {
            for (Integration integration : registry.list()) {
                if (integration.enabled() && !integration.id().equals(defaultServed.id())) {
                    wanted.put(integration.id(), integration);
                }
            }
        } catch (RuntimeException unreadable) {
            LOG.warn("could not read the integration registry: {}", unreadable.getMessage());
            return;
        }
        for (IntegrationId running : List.copyOf(runtimes.keySet())) {
            if (!wanted.containsKey(running)) {
                LOG.info("integration {} was removed or disabled: stopping its work", running);
                runtimes.remove(running).close();
            }
        }
        problems.keySet().retainAll(wanted.keySet());
        for (Integration integration : wanted.values()) {
            IntegrationRuntime existing = runtimes.get(integration.id());
            if (existing != null && existing.builtFrom(integration)) {
                continue;
            }
            if (existing != null) {
                LOG.info("integration {} was changed: building it again", integration.id());
                runtimes.remove(integration.id()).close();
            }
            build(integration);
        }
        tellServed();
    }

    /** The enabled registry integrations that have a problem here (their runtime could not be built, or no key). */
    public Set<IntegrationId> troubled() {
        Set<IntegrationId> troubled = new java.util.TreeSet<>(java.util.Comparator.comparing(IntegrationId::value));
        troubled.addAll(problems.keySet());
        runtimes.forEach((id, runtime) -> runtime.keyProblem().ifPresent(problem -> troubled.add(id)));
        return troubled;
    }

    private void tellServed() {
        Set<IntegrationId> served = new java.util.LinkedHashSet<>();
        served.add(defaultServed.id());
        served.addAll(runtimes.keySet());
        for (ServedIntegrationsListener listener : listeners) {
            try {
                listener.served(Set.copyOf(served), troubled());
            } catch (RuntimeException failure) {
                LOG.warn(
                        "could not tell {} the served integrations: {}",
                        listener.getClass().getSimpleName(),
                        failure.toString());
            }
        }
    }

    private void build(Integration integration) {
        IntegrationRuntime runtime;
        try {
            runtime = IntegrationRuntime.build(integration, context());
        } catch (RuntimeException failure) {
            String problem = Objects.requireNonNullElse(failure.getMessage(), failure.toString());
            if (!problem.equals(problems.put(integration.id(), problem))) {
                LOG.warn("integration {} cannot run here: {}", integration.id(), problem);
            }
            return;
        }
        problems.remove(integration.id());
        runtimes.put(integration.id(), runtime);
        if (started) {
            runtime.start();
        }
        LOG.info("integration {} is served: gateway {}", integration.id(), integration.gatewayUrl());
    }

    private RuntimeContext context() {
        if (context == null) {
            vertx = Vertx.vertx();
            context = contexts.apply(vertx);
        }
        return context;
    }

    /** Stops every runtime's work (a running pass at its next page boundary) and closes it (once). */
    @Override
    public void close() {
        ScheduledExecutorService executor;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            executor = reconciler;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        synchronized (this) {
            runtimes.values().parallelStream().forEach(IntegrationRuntime::close);
            runtimes.clear();
            if (vertx != null) {
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception slow) {
                    LOG.warn("the integrations' Vert.x instance did not close: {}", slow.getMessage());
                }
            }
        }
    }
}
