package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.data.Store;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The six lookups of GATEWAY-API.md §5: each an {@code items} list capped at 100, without paging. */
final class LookupRoutes {
    private final Gateway gateway;

    LookupRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    static final int LOOKUP_CAP = 100;

    void mount(Router router) {
        router.get("/v1/customers")
                .handler(ctx -> lookup(
                        ctx,
                        store -> store.catalog().customers(),
                        (o, c) -> o.put("id", id(c.id())).put("name", c.name())));
        router.get("/v1/sites")
                .handler(ctx -> lookup(
                        ctx, Store::sites, (o, s) -> o.put("id", id(s.id)).put("name", s.name())));
        router.get("/v1/projects")
                .handler(ctx -> lookup(
                        ctx,
                        store -> store.catalog().projects(),
                        (o, p) -> o.put("id", id(p.id())).put("name", p.name())));
        router.get("/v1/job-types")
                .handler(ctx -> lookup(
                        ctx,
                        store -> store.catalog().jobTypes(),
                        (o, t) -> o.put("id", id(t.id())).put("name", t.name())));
        router.get("/v1/job-statuses")
                .handler(ctx -> lookup(
                        ctx,
                        store -> store.catalog().statuses(),
                        (o, s) -> o.put("id", id(s.id())).put("name", s.name())));
        router.get("/v1/custom-fields")
                .handler(ctx -> lookup(
                        ctx,
                        store -> store.catalog().customFields(),
                        (o, f) -> o.put("external_name", f.externalName())
                                .put("fi_field_id", id(f.fiFieldId()))
                                .put("job_type_id", f.jobTypeId() == null ? null : id(f.jobTypeId()))));
    }

    private static String id(long v) {
        return Long.toString(v);
    }

    <T> void lookup(RoutingContext ctx, Function<Store, List<T>> items, BiConsumer<JsonObject, T> render) {
        Store store = Gateway.tenant(ctx).store();
        List<T> all = items.apply(store);
        JsonArray out = new JsonArray();
        for (int i = 0; i < all.size() && i < LOOKUP_CAP; i++) {
            JsonObject o = new JsonObject();
            render.accept(o, all.get(i));
            out.add(o);
        }
        Http.send(ctx, 200, new JsonObject().put("items", out).encode());
    }
}
