package dev.fieldsync.application;

import dev.fieldsync.application.lookup.CatalogService;
import dev.fieldsync.application.query.MirrorQueries;
import dev.fieldsync.application.submission.SubmissionDispatcher;
import dev.fieldsync.application.submission.SubmissionReconciler;
import dev.fieldsync.application.submission.SubmissionReview;
import dev.fieldsync.application.submission.SubmitJobService;
import dev.fieldsync.application.sync.JobSyncService;
import dev.fieldsync.application.sync.OnePageAtATime;
import dev.fieldsync.application.sync.SweepService;
import dev.fieldsync.application.verify.SetupVerifier;
import dev.fieldsync.application.verify.VerificationReuse;
import dev.fieldsync.application.webhook.WebhookProcessor;
import dev.fieldsync.application.write.JobEditing;
import dev.fieldsync.application.write.SiteCreation;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import dev.fieldsync.ports.in.query.QueryJobs;
import dev.fieldsync.ports.in.sync.SweepJobs;
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
import dev.fieldsync.ports.out.store.Jobs;
import java.util.List;

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
    private final SweepService sweep;
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

    FieldsyncCore(FieldsyncCoreBuilder b) {
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
        Jobs pages = new OnePageAtATime(b.jobs); // sync and sweep write pages in turn
        sync = new JobSyncService(
                b.integration,
                b.gateway,
                b.budget,
                pages,
                b.checkpoints,
                settings.syncPolicy(),
                b.clock,
                b.gatewayClock,
                b.listeners,
                List.of(reconciler),
                b.syncPrefetch != null ? b.syncPrefetch : JobSyncService.threadPerPage(b.integration));
        sweep = new SweepService(
                b.integration,
                b.gateway,
                b.budget,
                pages,
                b.checkpoints,
                settings.syncPolicy(),
                settings.sweep(),
                b.clock,
                b.listeners);
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

    public static FieldsyncCoreBuilder builder() {
        return new FieldsyncCoreBuilder();
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

    /** The verification sweep: gone jobs, missed updates (run it on the sync leader only). */
    public SweepJobs sweepJobs() {
        return sweep;
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
}
