package dev.fieldsync.app.wiring;

import dev.fieldsync.ports.out.store.Jobs;
import dev.fieldsync.ports.out.store.LookupCatalogs;
import dev.fieldsync.ports.out.store.Submissions;
import dev.fieldsync.ports.out.store.SyncCheckpoints;
import dev.fieldsync.ports.out.store.WebhookEvents;

/** The store ports one core runs on: SQL ones in the service, in-memory ones in a benchmark. */
public record Stores(
        Jobs jobs,
        SyncCheckpoints checkpoints,
        LookupCatalogs catalogs,
        Submissions submissions,
        WebhookEvents webhookEvents) {}
