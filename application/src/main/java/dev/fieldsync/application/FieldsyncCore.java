package dev.fieldsync.application;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.application.query.MirrorQueries;
import dev.fieldsync.application.submission.SubmissionDispatcher;
import dev.fieldsync.application.submission.SubmissionReconciler;
import dev.fieldsync.application.submission.SubmissionReview;
import dev.fieldsync.application.submission.SubmitJobService;
import dev.fieldsync.application.sync.JobSyncService;
import dev.fieldsync.application.verify.SetupVerifier;
import dev.fieldsync.application.verify.VerificationReuse;
import dev.fieldsync.application.webhook.WebhookProcessor;
import dev.fieldsync.application.write.JobEditing;
import dev.fieldsync.application.write.SiteCreation;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.sync.SyncJobs;
import dev.fieldsync.ports.in.verify.RequestVerification;
import dev.fieldsync.ports.in.verify.VerifySetup;
import dev.fieldsync.ports.in.webhook.HandleWebhookEvent;
import dev.fieldsync.ports.in.write.AppendJobNote;
import dev.fieldsync.ports.in.write.CancelJob;
import dev.fieldsync.ports.in.write.CreateSite;
import dev.fieldsync.ports.in.write.DispatchSubmissions;
import dev.fieldsync.ports.in.write.ReviewSubmissions;
import dev.fieldsync.ports.in.write.SubmitJob;
import dev.fieldsync.ports.in.write.UpdateJob;
import dev.fieldsync.ports.out.budget.RateBudget;
import dev.fieldsync.ports.out.events.JobChangeListener;
import dev.fieldsync.ports.out.gateway.Gateway;
import dev.fieldsync.ports.out.gateway.GatewayClock;
import dev.fieldsync.ports.out.gateway.KeySource;
import dev.fieldsync.ports.out.log.LogFields;
import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.WebhookEvents;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The application core of one integration, wired by plain constructors: every inbound use case over the
 * outbound ports given to the {@link #builder()}. Stores are keyed by integration, so several cores (one per
 * key) may share them. Thread-safe; build one per integration and keep it.
 */
public final class FieldsyncCore {
    private final IntegrationId integration;
    private final CoreSettings settings;
    private final CatalogService lookups;
    private final JobSyncService sync;
    private final SubmitJobService submit;
    private final SubmissionDispatcher dispatcher;
    private final SubmissionReconciler reconciler;
    private final SubmissionReview review;
    private final JobEditing editing;
    private final SiteCreation siteCreation;
    private final SetupVerifier verifier;
    private final VerificationReuse requestedVerification;
    private final WebhookProcessor webhooks;
    private final MirrorQueries queries;

    private FieldsyncCore(Builder b) {
        integration = b.integration;
        settings = b.settings;
        lookups = new CatalogService(
                b.integration,
                b.gateway,
                b.catalogs,
                b.clock,
                settings.lookupRefreshAge(),
                settings.staleIdRefreshInterval(),
                settings.requestCaps().requestedRefreshInterval());
        reconciler =
                new SubmissionReconciler(b.integration, b.submissions, b.jobs, b.clock, settings.reconcileMargin());
        sync = new JobSyncService(
                b.integration,
                b.gateway,
                b.budget,
                b.jobs,
                b.checkpoints,
                settings.syncPolicy(),
                b.clock,
                b.gatewayClock,
                b.listeners,
                List.of(reconciler));
        submit = new SubmitJobService(
                b.integration, lookups, b.submissions, b.clock, settings.ids(), settings.notesReference(), b.logFields);
        dispatcher = new SubmissionDispatcher(
                b.integration,
                b.gateway,
                b.submissions,
                lookups,
                b.clock,
                settings.claimLease(),
                settings.retryBackoffBase(),
                settings.retryBackoffMax(),
                settings.maxSendAttempts(),
                settings.notesReference(),
                b.logFields,
                b.checkpoints,
                settings.reconcileMargin());
        review = new SubmissionReview(b.integration, b.submissions, b.jobs, b.clock);
        editing = new JobEditing(b.integration, b.gateway, b.jobs, b.clock);
        siteCreation = new SiteCreation(b.gateway, lookups);
        verifier = new SetupVerifier(b.gateway, b.keySource, lookups, b.clock, settings.ids());
        RequestCaps caps = settings.requestCaps();
        requestedVerification =
                new VerificationReuse(verifier, b.clock, caps.verifyReuse(), caps.forcedVerifyInterval());
        webhooks = new WebhookProcessor(b.integration, b.webhookEvents, b.jobs, sync, b.clock);
        queries = new MirrorQueries(b.integration, b.jobs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public IntegrationId integration() {
        return integration;
    }

    public CoreSettings settings() {
        return settings;
    }

    public SyncJobs syncJobs() {
        return sync;
    }

    public SubmitJob submitJob() {
        return submit;
    }

    public DispatchSubmissions dispatchSubmissions() {
        return dispatcher;
    }

    /** The operator actions on creates fieldsync could not settle alone: confirm, resend, abandon. */
    public ReviewSubmissions reviewSubmissions() {
        return review;
    }

    public UpdateJob updateJob() {
        return editing;
    }

    public AppendJobNote appendJobNote() {
        return editing;
    }

    public CancelJob cancelJob() {
        return editing;
    }

    public CreateSite createSite() {
        return siteCreation;
    }

    public ResolveLookups lookups() {
        return lookups;
    }

    public VerifySetup verifySetup() {
        return verifier;
    }

    /** The checklist on a caller's behalf: recent reports reused, forced runs capped ({@link RequestCaps}). */
    public RequestVerification requestVerification() {
        return requestedVerification;
    }

    public HandleWebhookEvent webhooks() {
        return webhooks;
    }

    public QueryJobs queryJobs() {
        return queries;
    }

    /** Collects the ports; {@link #build()} names every one that is missing. */
    public static final class Builder {
        private IntegrationId integration;
        private Gateway gateway;
        private RateBudget budget;
        private KeySource keySource;
        private Jobs jobs;
        private SyncCheckpoints checkpoints;
        private LookupCatalogs catalogs;
        private Submissions submissions;
        private WebhookEvents webhookEvents;
        private final List<JobChangeListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private GatewayClock gatewayClock = GatewayClock.NONE;
        private CoreSettings settings = CoreSettings.defaults();
        private LogFields logFields = LogFields.NONE;

        private Builder() {}

        public Builder integration(IntegrationId value) {
            integration = Objects.requireNonNull(value);
            return this;
        }

        public Builder gateway(Gateway value) {
            gateway = Objects.requireNonNull(value);
            return this;
        }
        /** The same budget the gateway spends from; read for progress estimates only. */
        public Builder budget(RateBudget value) {
            budget = Objects.requireNonNull(value);
            return this;
        }

        public Builder keySource(KeySource value) {
            keySource = Objects.requireNonNull(value);
            return this;
        }

        public Builder jobs(Jobs value) {
            jobs = Objects.requireNonNull(value);
            return this;
        }

        public Builder checkpoints(SyncCheckpoints value) {
            checkpoints = Objects.requireNonNull(value);
            return this;
        }

        public Builder catalogs(LookupCatalogs value) {
            catalogs = Objects.requireNonNull(value);
            return this;
        }

        public Builder submissions(Submissions value) {
            submissions = Objects.requireNonNull(value);
            return this;
        }

        public Builder webhookEvents(WebhookEvents value) {
            webhookEvents = Objects.requireNonNull(value);
            return this;
        }
        /** Adds listeners told about new and changed jobs after each page commits; may be called repeatedly. */
        public Builder listener(JobChangeListener... values) {
            Arrays.stream(values).map(Objects::requireNonNull).forEach(listeners::add);
            return this;
        }
        /** Default: the system UTC clock. */
        /** The gateway's clock as its answers show it (default: none, windows on {@link #clock(Clock)}). */
        public Builder gatewayClock(GatewayClock value) {
            gatewayClock = Objects.requireNonNull(value, "gatewayClock");
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }
        /** Default: {@link CoreSettings#defaults()}. */
        public Builder settings(CoreSettings value) {
            settings = Objects.requireNonNull(value);
            return this;
        }
        /** Where submissions being stored and sent are named for the log lines; default {@link LogFields#NONE}. */
        public Builder logFields(LogFields value) {
            logFields = Objects.requireNonNull(value);
            return this;
        }

        public FieldsyncCore build() {
            List<String> missing = new ArrayList<>();
            if (integration == null) missing.add("integration");
            if (gateway == null) missing.add("gateway");
            if (budget == null) missing.add("budget");
            if (keySource == null) missing.add("keySource");
            if (jobs == null) missing.add("jobs");
            if (checkpoints == null) missing.add("checkpoints");
            if (catalogs == null) missing.add("catalogs");
            if (submissions == null) missing.add("submissions");
            if (webhookEvents == null) missing.add("webhookEvents");
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "FieldsyncCore needs " + String.join(", ", missing) + ": set them on the builder");
            }
            return new FieldsyncCore(this);
        }
    }
}
