package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.SandboxFaults.Fault;
import dev.fieldsync.sandbox.data.Catalog.CustomField;
import dev.fieldsync.sandbox.data.Catalog.Customer;
import dev.fieldsync.sandbox.data.Catalog.JobType;
import dev.fieldsync.sandbox.data.Catalog.Project;
import dev.fieldsync.sandbox.data.Catalog.Status;
import dev.fieldsync.sandbox.data.Job;
import dev.fieldsync.sandbox.data.JobJson;
import dev.fieldsync.sandbox.data.Site;
import dev.fieldsync.sandbox.data.State;
import dev.fieldsync.sandbox.data.Store;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The documented /v1 API (GATEWAY-API.md §2–§7) with the §9 decisions. */
final class GatewayRoutes {
  static final int LOOKUP_CAP = 100;
  private static final long HOLD_NANOS = 2_000_000_000L;
  private static final String GRANT = "sandbox.grant";

  private static final Set<String> CREATE_JOB_FIELDS =
      Set.of("site", "job_type", "title", "start_time", "end_time", "notes", "purchase_order_number",
          "external_id", "project", "custom_fields");
  private static final Set<String> PATCH_JOB_FIELDS =
      Set.of("title", "notes", "start_time", "end_time", "purchase_order_number", "external_id", "custom_fields");
  private static final Set<String> NOT_WRITABLE_JOB_FIELDS = Set.of("site", "job_type", "project");
  private static final Set<String> SITE_FIELDS =
      Set.of("business_name", "address", "first_name", "last_name", "mobile_number", "email", "notes", "url",
          "external_id");

  private final GatewaySandbox sandbox;

  GatewayRoutes(GatewaySandbox sandbox) {
    this.sandbox = sandbox;
  }

  void mount(Router router) {
    router.route("/v1/*").handler(this::admit);
    router.get("/v1/customers").handler(ctx -> lookup(ctx, s -> s.customers(), (o, c) -> o.put("id", id(c.id())).put("name", c.name())));
    router.get("/v1/sites").handler(ctx -> lookup(ctx, Store::sites, (o, s) -> o.put("id", id(s.id)).put("name", s.name())));
    router.get("/v1/projects").handler(ctx -> lookup(ctx, Store::projects, (o, p) -> o.put("id", id(p.id())).put("name", p.name())));
    router.get("/v1/job-types").handler(ctx -> lookup(ctx, Store::jobTypes, (o, t) -> o.put("id", id(t.id())).put("name", t.name())));
    router.get("/v1/job-statuses").handler(ctx -> lookup(ctx, Store::statuses, (o, s) -> o.put("id", id(s.id())).put("name", s.name())));
    router.get("/v1/custom-fields").handler(ctx -> lookup(ctx, Store::customFields, (o, f) -> o
        .put("external_name", f.externalName())
        .put("fi_field_id", id(f.fiFieldId()))
        .put("job_type_id", f.jobTypeId() == null ? null : id(f.jobTypeId()))));
    router.get("/v1/jobs").handler(this::listJobs);
    router.post("/v1/jobs").handler(this::createJob);
    router.patch("/v1/jobs/:id").handler(this::patchJob);
    router.post("/v1/jobs/:id/cancel").handler(this::cancelJob);
    router.post("/v1/sites").handler(this::createSite);
    router.patch("/v1/sites/:id").handler(this::patchSite);
  }

  private static String id(long v) {
    return Long.toString(v);
  }

  // ---- admission: key, budget, scope, faults ------------------------------------------------

  private void admit(RoutingContext ctx) {
    sandbox.stats.request();
    String key = bearer(ctx.request().getHeader("Authorization"));
    KeyRing.Grant grant = sandbox.keys.get(key);
    if (grant == null) {
      throw ApiError.unauthorized();
    }
    hold(ctx, key, grant, sandbox.limiter.now() + HOLD_NANOS);
  }

  private static String bearer(String header) {
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String key = header.substring(7).trim();
    return key.isEmpty() ? null : key;
  }

  /** Takes a token from both buckets, or holds the request (on a timer, never blocking) up to 2 s. */
  private void hold(RoutingContext ctx, String key, KeyRing.Grant grant, long deadline) {
    if (ctx.response().closed()) {
      return;
    }
    long wait = sandbox.settings().rateLimited() ? sandbox.limiter.tryAcquire(key) : 0;
    if (wait == 0) {
      admitted(ctx, key, grant);
      return;
    }
    long now = sandbox.limiter.now();
    if (now >= deadline) {
      sandbox.stats.rateLimited();
      Http.problem(ctx, ApiError.rateLimited());
      return;
    }
    long next = Math.min(wait, deadline - now);
    sandbox.vertx.setTimer(sandbox.time.realMillis(next), t -> guarded(ctx, () -> hold(ctx, key, grant, deadline)));
  }

  private static void guarded(RoutingContext ctx, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      if (!ctx.response().ended()) {
        ctx.fail(e);
      }
    }
  }

  private void admitted(RoutingContext ctx, String key, KeyRing.Grant grant) {
    sandbox.stats.admitted(key);
    if (!grant.scopes().contains(scopeOf(ctx))) {
      throw ApiError.unauthorized();
    }
    if (!grant.withCustomers()) {
      throw ApiError.noScope();
    }
    ctx.put(GRANT, grant);
    long latency = sandbox.faults().latency();
    if (latency > 0) {
      sandbox.vertx.setTimer(latency, t -> guarded(ctx, () -> faults(ctx)));
    } else {
      faults(ctx);
    }
  }

  private static String scopeOf(RoutingContext ctx) {
    HttpMethod m = ctx.request().method();
    if (m == HttpMethod.GET || m == HttpMethod.HEAD) {
      return SandboxKeys.JOBS_READ;
    }
    return ctx.normalizedPath().startsWith("/v1/sites") ? SandboxKeys.SITES_WRITE : SandboxKeys.JOBS_WRITE;
  }

  private void faults(RoutingContext ctx) {
    if (ctx.response().closed()) {
      return;
    }
    SandboxFaults f = sandbox.faults();
    HttpMethod m = ctx.request().method();
    boolean write = m == HttpMethod.POST || m == HttpMethod.PATCH || m == HttpMethod.PUT || m == HttpMethod.DELETE;
    if (write && f.writesDisabled()) {
      throw ApiError.writesDisabled();
    }
    if (m == HttpMethod.POST && ctx.normalizedPath().endsWith("/cancel") && f.cancelNotConfigured()) {
      throw ApiError.cancelNotConfigured();
    }
    Fault fault = f.roll();
    switch (fault) {
      case INTERNAL -> throw ApiError.internal();
      case SCHEMA_DRIFT -> throw ApiError.schemaDrift();
      case UPSTREAM_SCOPE_VIOLATION -> throw ApiError.upstreamScopeViolation();
      case UNAVAILABLE -> throw ApiError.unavailable();
      case HTML_ERROR -> Http.html(ctx);
      case HANG -> sandbox.vertx.setTimer(Math.max(1, f.hangMillis()), t -> Http.drop(ctx));
      default -> {
        ctx.put(Http.FAULT, fault);
        ctx.next();
      }
    }
  }

  // ---- lookups --------------------------------------------------------------------------------

  private <T> void lookup(RoutingContext ctx, Function<Store, List<T>> items, BiConsumer<JsonObject, T> render) {
    Store store = sandbox.store();
    List<T> all = items.apply(store);
    JsonArray out = new JsonArray();
    for (int i = 0; i < all.size() && i < LOOKUP_CAP; i++) {
      JsonObject o = new JsonObject();
      render.accept(o, all.get(i));
      out.add(o);
    }
    Http.send(ctx, 200, new JsonObject().put("items", out).encode());
  }

  // ---- job list -------------------------------------------------------------------------------

  private void listJobs(RoutingContext ctx) {
    Store store = sandbox.store();
    MultiMap q = ctx.queryParams();
    Set<State> states;
    String state = q.get("state");
    if (state == null || state.equals("open")) {
      states = Store.JobQuery.OPEN;
    } else if (state.equals("closed")) {
      states = Store.JobQuery.CLOSED;
    } else if (state.equals("all")) {
      states = Store.JobQuery.ALL;
    } else {
      throw ApiError.invalidQuery("state must be open, closed or all");
    }
    Long statusId = null;
    if (q.get("status") != null) {
      statusId = parseId(q.get("status"));
      if (statusId == null || store.status(statusId) == null) {
        throw ApiError.invalidQuery("status is not a known status id");
      }
    }
    Long updatedFrom = instantMillis(q.get("updated_at_from"), "updated_at_from");
    Long updatedTo = instantMillis(q.get("updated_at_to"), "updated_at_to");
    Long startFrom = epochSecond(q.get("start_time_from"), "start_time_from");
    Long startTo = epochSecond(q.get("start_time_to"), "start_time_to");
    Long number = null;
    String numberParam = q.get("number");
    if (numberParam != null) {
      // A number that cannot exist simply matches nothing.
      number = parseId(numberParam);
      if (number == null) {
        number = -1L;
      }
    }
    int pageSize = 25;
    String ps = q.get("page_size");
    if (ps != null) {
      if (!ps.matches("[0-9]{1,3}")) {
        throw ApiError.invalidQuery("page_size must be an integer from 1 to 100");
      }
      pageSize = Integer.parseInt(ps);
      if (pageSize < 1 || pageSize > 100) {
        throw ApiError.invalidQuery("page_size must be an integer from 1 to 100");
      }
    }
    long[] cursor = decodeCursor(q.get("cursor"));
    Store.JobQuery query =
        new Store.JobQuery(states, statusId, updatedFrom, updatedTo, startFrom, startTo, number, pageSize,
            cursor == null ? null : cursor[0], cursor == null ? null : cursor[1]);
    byte[] body;
    synchronized (store) {
      Store.Page page = store.page(query);
      String next = null;
      if (page.more()) {
        Job last = page.jobs().get(page.jobs().size() - 1);
        next = encodeCursor(last.updatedAtMillis(), last.id);
      }
      body = JobJson.page(page.jobs(), store.customFields(), next);
    }
    Http.sendBytes(ctx, 200, body);
  }

  static String encodeCursor(long updatedAtMillis, long id) {
    String raw = "v1:" + updatedAtMillis + ":" + id;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  private static long[] decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":", -1);
      if (parts.length == 3 && parts[0].equals("v1")) {
        return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
      }
    } catch (IllegalArgumentException e) {
      // falls through: not one of ours
    }
    throw ApiError.invalidQuery("cursor is not valid");
  }

  private static Long instantMillis(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw ApiError.invalidQuery(name + " must be an ISO-8601 timestamp with offset (UTC: Z)");
    }
  }

  private static Long epochSecond(String value, String name) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw ApiError.invalidQuery(name + " must be an ISO-8601 timestamp with offset");
    }
  }

  /** Decimal digits only (ids travel as strings of digits). */
  static Long parseId(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Long.parseLong(s);
  }

  // ---- job writes -----------------------------------------------------------------------------

  private void createJob(RoutingContext ctx) {
    Store store = sandbox.store();
    JsonObject b = body(ctx, false);
    onlyKnown(b, CREATE_JOB_FIELDS);
    String siteRef = string(b, "site", 1, 18, true);
    String typeRef = string(b, "job_type", 1, 18, true);
    String title = string(b, "title", 1, 200, true);
    OffsetDateTime start = time(b, "start_time", true);
    OffsetDateTime end = time(b, "end_time", true);
    String notes = string(b, "notes", 0, 2000, false);
    String po = string(b, "purchase_order_number", 0, 100, false);
    String externalId = string(b, "external_id", 0, 36, false);
    String projectRef = string(b, "project", 0, 64, false);
    JsonObject custom = customFieldsObject(b);
    if (!end.isAfter(start)) {
      throw ApiError.invalidBody("end_time must be after start_time");
    }
    Long siteId = parseId(siteRef);
    Site site = siteId == null ? null : store.site(siteId);
    if (site == null) {
      throw ApiError.invalidBody("site is not a known site id");
    }
    Long typeId = parseId(typeRef);
    JobType type = typeId == null ? null : store.jobType(typeId);
    if (type == null) {
      throw ApiError.invalidBody("job_type is not a known job type id");
    }
    Project project = null;
    if (projectRef != null) {
      Long projectId = parseId(projectRef);
      project = projectId == null ? null : store.project(projectId);
      if (project == null) {
        throw ApiError.projectNotInScope();
      }
    }
    String[] values = customValues(store, custom, type, null);
    Job job = store.createJob(site, type, project, j -> {
      j.title = title;
      j.notes = notes == null || notes.isEmpty() ? null : notes;
      j.purchaseOrderNumber = po;
      j.externalId = externalId;
      j.startEpochSecond = start.toEpochSecond();
      j.startOffsetSeconds = start.getOffset().getTotalSeconds();
      j.endEpochSecond = end.toEpochSecond();
      j.endOffsetSeconds = end.getOffset().getTotalSeconds();
      j.customFields = values;
    });
    sandbox.jobCreated(job);
    switch (sandbox.faults().rollAmbiguousCreate()) {
      case 1 -> throw ApiError.internal();
      case 2 -> Http.drop(ctx);
      default -> Http.send(ctx, 201, "{\"id\":\"" + job.id + "\",\"number\":\"" + job.number + "\"}");
    }
  }

  private void patchJob(RoutingContext ctx) {
    Store store = sandbox.store();
    JsonObject b = body(ctx, false);
    for (String name : b.fieldNames()) {
      if (NOT_WRITABLE_JOB_FIELDS.contains(name)) {
        throw ApiError.fieldNotWritable(name);
      }
    }
    onlyKnown(b, PATCH_JOB_FIELDS);
    String title = string(b, "title", 1, 200, b.containsKey("title"));
    String notes = string(b, "notes", 0, 2000, false);
    String po = string(b, "purchase_order_number", 0, 100, false);
    String externalId = string(b, "external_id", 0, 36, false);
    OffsetDateTime start = time(b, "start_time", b.containsKey("start_time"));
    OffsetDateTime end = time(b, "end_time", b.containsKey("end_time"));
    JsonObject custom = customFieldsObject(b);
    Job job = visibleJob(store, ctx.pathParam("id"));
    synchronized (store) {
      if (job.status.state() != State.PENDING) {
        throw ApiError.editingLocked();
      }
      long s = start != null ? start.toEpochSecond() : job.startEpochSecond;
      long e = end != null ? end.toEpochSecond() : job.endEpochSecond;
      if (e <= s) {
        throw ApiError.invalidBody("end_time must be after start_time");
      }
      String[] values = customValues(store, custom, job.jobType, job.customFields);
      if (b.isEmpty()) {
        Http.send(ctx, 204, null);
        return;
      }
      store.update(job, j -> {
        if (title != null) {
          j.title = title;
        }
        if (b.containsKey("notes")) {
          j.notes = notes == null || notes.isEmpty() ? null : notes;
        }
        if (b.containsKey("purchase_order_number")) {
          j.purchaseOrderNumber = po;
        }
        if (b.containsKey("external_id")) {
          j.externalId = externalId;
        }
        if (start != null) {
          j.startEpochSecond = start.toEpochSecond();
          j.startOffsetSeconds = start.getOffset().getTotalSeconds();
        }
        if (end != null) {
          j.endEpochSecond = end.toEpochSecond();
          j.endOffsetSeconds = end.getOffset().getTotalSeconds();
        }
        if (custom != null) {
          j.customFields = values;
        }
      });
    }
    Http.send(ctx, 204, null);
  }

  private void cancelJob(RoutingContext ctx) {
    Store store = sandbox.store();
    JsonObject b = body(ctx, true);
    onlyKnown(b, Set.of("reason"));
    String reason = string(b, "reason", 0, 2000, false);
    Job job = visibleJob(store, ctx.pathParam("id"));
    synchronized (store) {
      if (job.status.state() != State.PENDING) {
        throw ApiError.cancellationLocked();
      }
      store.update(job, j -> {
        j.status = store.primaryStatus(State.CANCELLED);
        j.cancelReason = reason;
      });
    }
    sandbox.statusChanged(job, State.PENDING, State.CANCELLED);
    Http.send(ctx, 204, null);
  }

  private static Job visibleJob(Store store, String idParam) {
    Long id = parseId(idParam);
    Job job = id == null ? null : store.job(id);
    if (job == null) {
      throw ApiError.notFound();
    }
    return job;
  }

  private static JsonObject customFieldsObject(JsonObject b) {
    if (!b.containsKey("custom_fields") || b.getValue("custom_fields") == null) {
      return null;
    }
    if (!(b.getValue("custom_fields") instanceof JsonObject cf)) {
      throw ApiError.invalidBody("custom_fields must be an object of string values");
    }
    for (String name : cf.fieldNames()) {
      if (!(cf.getValue(name) instanceof String v)) {
        throw ApiError.invalidBody("custom_fields values must be strings");
      }
      if (v.length() > 2000) {
        throw ApiError.invalidBody("custom_fields values must be at most 2000 characters");
      }
    }
    return cf;
  }

  /**
   * Merges the sent custom fields into a copy of {@code current}. An unknown name, or a name restricted
   * to another job type, is 400 unknown-custom-field (it is "not mapped" for that job).
   */
  private static String[] customValues(Store store, JsonObject custom, JobType type, String[] current) {
    if (custom == null) {
      return current;
    }
    List<CustomField> defs = store.customFields();
    String[] values = current == null ? new String[defs.size()] : current.clone();
    for (String name : custom.fieldNames()) {
      int idx = store.customFieldIndex(name);
      if (idx < 0) {
        throw ApiError.unknownCustomField(name);
      }
      Long restricted = defs.get(idx).jobTypeId();
      if (restricted != null && restricted != type.id()) {
        throw ApiError.unknownCustomField(name);
      }
      values[idx] = custom.getString(name);
    }
    for (String v : values) {
      if (v != null) {
        return values;
      }
    }
    return null;
  }

  // ---- sites ----------------------------------------------------------------------------------

  private void createSite(RoutingContext ctx) {
    Store store = sandbox.store();
    JsonObject b = body(ctx, false);
    Set<String> allowed = new java.util.HashSet<>(SITE_FIELDS);
    allowed.add("customer");
    onlyKnown(b, allowed);
    String customerRef = string(b, "customer", 0, 64, true);
    String[] values = siteValues(b);
    Long customerId = parseId(customerRef);
    Customer customer = customerId == null ? null : store.customer(customerId);
    if (customer == null) {
      throw ApiError.customerNotInScope();
    }
    Site site = store.createSite(customer, s -> applySite(s, b, values));
    // Like job creates: the site exists, but the answer may be lost (GATEWAY-API.md: it is in /v1/sites at once).
    switch (sandbox.faults().rollAmbiguousCreate()) {
      case 1 -> throw ApiError.internal();
      case 2 -> Http.drop(ctx);
      default -> Http.send(ctx, 201, "{\"id\":\"" + site.id + "\"}");
    }
  }

  private void patchSite(RoutingContext ctx) {
    Store store = sandbox.store();
    JsonObject b = body(ctx, false);
    if (b.containsKey("customer")) {
      throw ApiError.fieldNotWritable("customer");
    }
    onlyKnown(b, SITE_FIELDS);
    String[] values = siteValues(b);
    Long id = parseId(ctx.pathParam("id"));
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
      v[i] = string(b, SITE_ORDER[i], 0, SITE_MAX[i], false);
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

  // ---- body helpers ---------------------------------------------------------------------------

  private static JsonObject body(RoutingContext ctx, boolean emptyAllowed) {
    Buffer buf = ctx.body() == null ? null : ctx.body().buffer();
    if (buf == null || buf.toString(StandardCharsets.UTF_8).isBlank()) {
      if (emptyAllowed) {
        return new JsonObject();
      }
      throw ApiError.invalidBody("a JSON object is required");
    }
    try {
      return new JsonObject(buf);
    } catch (DecodeException | ClassCastException e) {
      throw ApiError.invalidBody("not a JSON object");
    }
  }

  private static void onlyKnown(JsonObject b, Set<String> allowed) {
    for (String name : b.fieldNames()) {
      if (!allowed.contains(name)) {
        throw ApiError.invalidBody("unknown member '" + name + "'");
      }
    }
  }

  /** A string member; absent or null gives null unless required. Lengths count code points. */
  private static String string(JsonObject b, String name, int min, int max, boolean required) {
    Object v = b.getValue(name);
    if (v == null) {
      if (required) {
        throw ApiError.invalidBody(name + " is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      throw ApiError.invalidBody(name + " must be a string");
    }
    int len = s.codePointCount(0, s.length());
    if (len < min || len > max) {
      throw ApiError.invalidBody(name + " must be " + min + "–" + max + " characters");
    }
    return s;
  }

  private static OffsetDateTime time(JsonObject b, String name, boolean required) {
    String s = string(b, name, 1, 64, required);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiError.invalidBody(name + " must be ISO-8601 with an offset");
    }
  }
}
