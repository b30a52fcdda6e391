package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Catalog.Customer;
import dev.fieldsync.sandbox.data.Site;
import dev.fieldsync.sandbox.data.Store;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/** Site create and update (GATEWAY-API.md §7): full overwrite of each member sent; the customer is fixed. */
final class SiteRoutes {
    private final Gateway gateway;

    SiteRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    private static final Set<String> SITE_FIELDS = Set.of(
            "business_name",
            "address",
            "first_name",
            "last_name",
            "mobile_number",
            "email",
            "notes",
            "url",
            "external_id");

    void createSite(RoutingContext ctx) {
        Store store = Gateway.tenant(ctx).store();
        JsonObject b = Bodies.body(ctx, false);
        Set<String> allowed = new HashSet<>(SITE_FIELDS);
        allowed.add("customer");
        Bodies.onlyKnown(b, allowed);
        String customerRef = Bodies.string(b, "customer", 0, 64, true);
        String[] values = siteValues(b);
        Long customerId = Bodies.parseId(customerRef);
        Customer customer = customerId == null ? null : store.customer(customerId);
        if (customer == null) {
            throw ApiError.customerNotInScope();
        }
        Site site = store.createSite(customer, s -> applySite(s, b, values));
        // Like job creates: the site exists, but the answer may be lost (GATEWAY-API.md: it is in /v1/sites at once).
        switch (Gateway.tenant(ctx).faults().rollAmbiguousCreate()) {
            case 1 -> throw ApiError.internal();
            case 2 -> Http.drop(ctx);
            default -> Http.send(ctx, 201, "{\"id\":\"" + site.id + "\"}");
        }
    }

    void patchSite(RoutingContext ctx) {
        Store store = Gateway.tenant(ctx).store();
        JsonObject b = Bodies.body(ctx, false);
        if (b.containsKey("customer")) {
            throw ApiError.fieldNotWritable("customer");
        }
        Bodies.onlyKnown(b, SITE_FIELDS);
        String[] values = siteValues(b);
        Long id = Bodies.parseId(ctx.pathParam("id"));
        Site site = id == null ? null : store.site(id);
        if (site == null) {
            throw ApiError.notFound();
        }
        store.updateSite(site, s -> applySite(s, b, values));
        Http.send(ctx, 204, null);
    }

    private static final String[] SITE_ORDER = {
        "business_name", "address", "first_name", "last_name", "mobile_number", "email", "notes", "url", "external_id"
    };
    private static final int[] SITE_MAX = {200, 500, 100, 100, 50, 200, 2000, 500, 36};

    private static String[] siteValues(JsonObject b) {
        String[] v = new String[SITE_ORDER.length];
        for (int i = 0; i < SITE_ORDER.length; i++) {
            v[i] = Bodies.string(b, SITE_ORDER[i], 0, SITE_MAX[i], false);
        }
        return v;
    }

    /** Full overwrite of each field sent; null clears it. */
    private static void applySite(Site s, JsonObject b, String[] v) {
        if (b.containsKey("business_name")) s.businessName = v[0];
        if (b.containsKey("address")) s.address = v[1];
        if (b.containsKey("first_name")) s.firstName = v[2];
        if (b.containsKey("last_name")) s.lastName = v[3];
        if (b.containsKey("mobile_number")) s.mobileNumber = v[4];
        if (b.containsKey("email")) s.email = v[5];
        if (b.containsKey("notes")) s.notes = v[6];
        if (b.containsKey("url")) s.url = v[7];
        if (b.containsKey("external_id")) s.externalId = v[8];
    }
}
