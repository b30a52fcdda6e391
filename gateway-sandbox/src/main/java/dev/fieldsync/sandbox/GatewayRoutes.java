package dev.fieldsync.sandbox;

import io.vertx.ext.web.Router;

/** The documented /v1 API (GATEWAY-API.md §2–§7) with the §9 decisions: admission first, then each resource. */
final class GatewayRoutes {
    private final Gateway gateway;

    GatewayRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    void mount(Router router) {
        Admission admission = new Admission(gateway);
        router.route("/v1/*").handler(admission::admit);
        new LookupRoutes(gateway).mount(router);
        JobListRoutes list = new JobListRoutes(gateway);
        JobWriteRoutes jobs = new JobWriteRoutes(gateway);
        SiteRoutes sites = new SiteRoutes(gateway);
        router.get("/v1/jobs").handler(list::listJobs);
        router.post("/v1/jobs").handler(jobs::createJob);
        router.patch("/v1/jobs/:id").handler(jobs::patchJob);
        router.post("/v1/jobs/:id/cancel").handler(jobs::cancelJob);
        router.post("/v1/sites").handler(sites::createSite);
        router.patch("/v1/sites/:id").handler(sites::patchSite);
    }
}
