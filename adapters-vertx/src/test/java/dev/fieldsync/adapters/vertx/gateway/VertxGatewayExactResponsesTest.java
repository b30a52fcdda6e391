package dev.fieldsync.adapters.vertx.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fieldsync.adapters.memory.UnlimitedRateBudget;
import dev.fieldsync.adapters.vertx.key.FixedKeySource;
import dev.fieldsync.adapters.vertx.requestid.Ulid;
import dev.fieldsync.adapters.vertx.testing.CapturedLogs;
import dev.fieldsync.adapters.vertx.testing.Keys;
import dev.fieldsync.adapters.vertx.testing.Spans;
import dev.fieldsync.adapters.vertx.testing.TinyServer;
import dev.fieldsync.adapters.vertx.testing.TinyServer.Reply;
import dev.fieldsync.adapters.vertx.testing.VirtualTime;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.id.JobNumber;
import dev.fieldsync.domain.id.JobTypeId;
import dev.fieldsync.domain.id.ProjectId;
import dev.fieldsync.domain.id.SiteId;
import dev.fieldsync.domain.id.StatusId;
import dev.fieldsync.domain.job.CancelRequest;
import dev.fieldsync.domain.job.Job;
import dev.fieldsync.domain.job.JobDraft;
import dev.fieldsync.domain.job.JobPatch;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.domain.problem.ProblemCode;
import dev.fieldsync.ports.out.budget.Priority;
import dev.fieldsync.ports.out.gateway.CreatedJob;
import dev.fieldsync.ports.out.gateway.GatewayProblemException;
import dev.fieldsync.ports.out.gateway.GatewayResponseException;
import dev.fieldsync.ports.out.gateway.GatewayUnavailableException;
import dev.fieldsync.ports.out.gateway.JobPage;
import dev.fieldsync.ports.out.gateway.JobQuery;
import dev.fieldsync.ports.out.gateway.OutcomeUnknownException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against answers served byte for byte: documented examples, tolerance, broken answers, retries. */
class VertxGatewayExactResponsesTest {
    static final String DOCUMENTED_LIST = """
            { "jobs": [ {
                "id": "21172159", "number": "16", "series_number": 16, "is_primary": true,
                "title": "Annual service",
                "status": { "id": "68392", "name": "Tentative", "state": "pending" },
                "start_time": "2026-07-01T09:00:00+10:00", "end_time": "2026-07-01T11:00:00+10:00",
                "customer": { "id": "245715", "name": "Acme" },
                "site": { "id": "3065756", "address": "Unit 3/24 Brand Dr, Pimpama QLD 4209" },
                "notes": "", "custom_fields": { "scope_of_work": "Install" } } ],
              "next_cursor": "gt/2634823" }""";

    static Vertx vertx;
    TinyServer server;
    VirtualTime time;
    UnlimitedRateBudget budget;
    Spans spans;
    CapturedLogs logs;
    VertxGateway gateway;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        server = new TinyServer();
        time = new VirtualTime();
        budget = new UnlimitedRateBudget();
        spans = new Spans();
        logs = CapturedLogs.of(VertxGateway.class.getName());
        gateway = gateway(b -> {});
    }

    @AfterEach
    void tearDown() throws IOException {
        gateway.close();
        server.close();
        spans.close();
        logs.close();
        assertThat(logs.all()).doesNotContain(Keys.CURRENT_TEXT).doesNotContain(Keys.NEXT_TEXT);
    }

    VertxGateway gateway(Consumer<VertxGatewayBuilder> tweak) {
        return gateway(server.baseUrl(), tweak);
    }

    VertxGateway gateway(String baseUrl, Consumer<VertxGatewayBuilder> tweak) {
        VertxGatewayBuilder builder = VertxGateway.builder()
                .baseUrl(baseUrl)
                .keySource(new FixedKeySource(Keys.CURRENT))
                .budget(budget)
                .vertx(vertx)
                .attemptTimeout(Duration.ofSeconds(3))
                .tracer(spans.tracer())
                .clock(time.clock())
                .sleeper(time)
                .random(new Random(7));
        tweak.accept(builder);
        return builder.build();
    }

    static JobDraft draft() {
        return new JobDraft(
                SiteId.of("3065756"),
                JobTypeId.of("77"),
                "Annual service",
                OffsetDateTime.parse("2026-07-01T09:00:00+10:00"),
                OffsetDateTime.parse("2026-07-01T11:00:00+10:00"),
                Optional.of("gate code 1234"),
                Optional.empty(),
                Optional.of("ERP-1"),
                Optional.empty(),
                Map.of("scope_of_work", "Install"));
    }

    static String job(String id, String extra) {
        return "{\"id\":\"" + id + "\",\"number\":\"" + id + "\",\"series_number\":1,\"is_primary\":true,"
                + "\"title\":\"T\",\"status\":{\"id\":\"1\",\"name\":\"Tentative\",\"state\":\"pending\"},"
                + "\"customer\":{\"id\":\"2\",\"name\":\"C\"},\"site\":{\"id\":\"3\",\"address\":\"A\"}" + extra + "}";
    }

    // ---- documented examples and the tolerant reader ----------------------------------------------

    @Test
    void readsTheDocumentedJobListExample() {
        server.then(Reply.json(200, DOCUMENTED_LIST, "X-Request-Id: req_01HX9CK3T6JZ2N8H6K7G5W2BFA"));

        JobPage page = gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);

        assertThat(page.nextCursor()).contains("gt/2634823");
        Job job = page.jobs().get(0);
        assertThat(job.id()).isEqualTo(JobId.of("21172159"));
        assertThat(job.number()).isEqualTo(JobNumber.of("16"));
        assertThat(job.seriesNumber()).isEqualTo(16);
        assertThat(job.primary()).isTrue();
        assertThat(job.title()).isEqualTo("Annual service");
        assertThat(job.status().id()).isEqualTo(StatusId.of("68392"));
        assertThat(job.status().name()).isEqualTo("Tentative");
        assertThat(job.state()).isEqualTo(JobState.PENDING);
        assertThat(job.startTime()).contains(OffsetDateTime.parse("2026-07-01T09:00:00+10:00"));
        assertThat(job.endTime()).contains(OffsetDateTime.parse("2026-07-01T11:00:00+10:00"));
        assertThat(job.customer().name()).isEqualTo("Acme");
        assertThat(job.site().id()).isEqualTo(SiteId.of("3065756"));
        assertThat(job.site().address()).isEqualTo("Unit 3/24 Brand Dr, Pimpama QLD 4209");
        assertThat(job.notes()).isEmpty();
        assertThat(job.customFields()).containsExactly(Map.entry("scope_of_work", "Install"));
        assertThat(job.externalId()).isEmpty();
        assertThat(job.project()).isEmpty();
        assertThat(job.jobType()).isEmpty();
        assertThat(budget.grants(Priority.BACKGROUND)).isEqualTo(1);
    }

    @Test
    void readsTheDocumentedCreateAnswersWith201Or200() {
        server.then(
                Reply.json(201, "{ \"id\": \"21172159\", \"number\": \"16\" }"),
                Reply.json(200, "{ \"id\": \"21172160\" }"),
                Reply.json(201, "{ \"id\": \"3065756\" }"));

        CreatedJob created = gateway.createJob(draft());
        CreatedJob createdWith200 = gateway.createJob(draft());
        SiteId site = gateway.createSite(new dev.fieldsync.domain.site.SiteDraft(
                dev.fieldsync.domain.id.CustomerId.of("245715"), emptyDetails().withBusiness("Acme")));

        assertThat(created).isEqualTo(new CreatedJob(JobId.of("21172159"), Optional.of(JobNumber.of("16"))));
        assertThat(createdWith200).isEqualTo(new CreatedJob(JobId.of("21172160"), Optional.empty()));
        assertThat(site).isEqualTo(SiteId.of("3065756"));
        TinyServer.Request create = server.requests().get(0);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.path()).isEqualTo("/v1/jobs");
        assertThat(create.header("content-type")).isEqualTo("application/json");
        assertThat(new io.vertx.core.json.JsonObject(create.body()).getMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "site",
                        "3065756",
                        "job_type",
                        "77",
                        "title",
                        "Annual service",
                        "start_time",
                        "2026-07-01T09:00:00+10:00",
                        "end_time",
                        "2026-07-01T11:00:00+10:00",
                        "notes",
                        "gate code 1234",
                        "external_id",
                        "ERP-1",
                        "custom_fields",
                        Map.of("scope_of_work", "Install")));
        assertThat(new io.vertx.core.json.JsonObject(server.requests().get(2).body()).getMap())
                .isEqualTo(Map.of("customer", "245715", "business_name", "Acme"));
        assertThat(budget.grants(Priority.INTERACTIVE)).isEqualTo(3);
    }

    @Test
    void readsTheLookupsAndCustomFields() {
        server.then(
                Reply.json(
                        200,
                        "{\"items\":[{\"id\":\"245715\",\"name\":\"Acme\"},{\"id\":\"9\",\"name\":\"Bolt\",\"x\":1}]}"),
                Reply.json(
                        200,
                        "{\"items\":[{\"external_name\":\"scope_of_work\",\"fi_field_id\":\"cf_1\",\"job_type_id\":null},"
                                + "{\"external_name\":\"meter\",\"fi_field_id\":\"cf_2\",\"job_type_id\":\"77\"}]}"));

        var customers = gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND);
        var fields = gateway.lookup(LookupKind.CUSTOM_FIELDS, Priority.INTERACTIVE);

        assertThat(customers).extracting(i -> i.id().value() + "=" + i.name()).containsExactly("245715=Acme", "9=Bolt");
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).jobType()).isEmpty();
        assertThat(fields.get(1).jobType()).contains(JobTypeId.of("77"));
        assertThat(server.requests())
                .extracting(TinyServer.Request::path)
                .containsExactly("/v1/customers", "/v1/custom-fields");
    }

    @Test
    void ignoresUnknownMembersAndMapsTheOptionalOnesWhenPresent() {
        String extra = ",\"external_id\":\"ERP-9\",\"purchase_order_number\":\"PO-1\",\"project\":\"555\","
                + "\"job_type\":{\"id\":\"77\",\"name\":\"Service\"},\"updated_at\":\"2026-01-01T00:00:00Z\","
                + "\"brand_new_member\":{\"deep\":[1,2,3]}";
        server.then(Reply.json(200, "{\"jobs\":[" + job("5", extra) + "],\"next_cursor\":null,\"total\":99}"));

        JobPage page = gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);

        Job job = page.jobs().get(0);
        assertThat(page.isLast()).isTrue();
        assertThat(job.externalId()).contains("ERP-9");
        assertThat(job.purchaseOrderNumber()).contains("PO-1");
        assertThat(job.project()).contains(ProjectId.of("555"));
        assertThat(job.jobType()).contains(JobTypeId.of("77"));
    }

    @Test
    void acceptsMissingOptionalMembersAndEveryFormOfLastPage() {
        server.then(
                Reply.json(200, "{\"jobs\":[" + job("5", "") + "]}"),
                Reply.json(200, "{\"jobs\":[],\"next_cursor\":\"\"}"));

        JobPage absent = gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);
        JobPage empty = gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);

        assertThat(absent.isLast()).isTrue();
        Job job = absent.jobs().get(0);
        assertThat(job.startTime()).isEmpty();
        assertThat(job.notes()).isEmpty();
        assertThat(job.customFields()).isEmpty();
        assertThat(empty.isLast()).isTrue();
        assertThat(empty.jobs()).isEmpty();
    }

    @Test
    void aMemberOfTheWrongTypeIsASchemaErrorWithBothRequestIds() {
        server.then(Reply.json(
                200,
                "{\"jobs\":[" + job("5", "").replace("\"series_number\":1", "\"series_number\":\"1\"") + "]}",
                "X-Request-Id: req_gateway_1"));

        GatewayResponseException error = catchThrowableOfType(
                GatewayResponseException.class,
                () -> gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND));

        assertThat(error.kind()).isEqualTo(GatewayResponseException.Kind.SCHEMA);
        assertThat(error.getMessage()).contains("$.jobs[0].series_number").contains("expected an integer");
        assertThat(error.gatewayRequestId()).contains("req_gateway_1");
        assertThat(error.clientRequestId()).contains(server.requests().get(0).header("x-request-id"));
        assertThat(error.operation()).isEqualTo("GET /v1/jobs");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aNullWhereAnObjectIsRequiredIsASchemaErrorNotANullPointer() {
        server.then(
                Reply.json(
                        200,
                        "{\"jobs\":["
                                + job("5", "")
                                        .replace("\"customer\":{\"id\":\"2\",\"name\":\"C\"}", "\"customer\":null")
                                + "]}"),
                Reply.json(200, "[1,2]"),
                Reply.json(200, "{\"jobs\":[{\"id\":5}]}"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND))
                    .isInstanceOfSatisfying(
                            GatewayResponseException.class,
                            e -> assertThat(e.kind()).isEqualTo(GatewayResponseException.Kind.SCHEMA));
        }
    }

    // ---- requests: headers, filters, paging ---------------------------------------------------------

    @Test
    void sendsTheKeyOurUlidRequestIdAndAcceptsGzip() {
        server.then(Reply.json(200, "{\"items\":[]}"));

        gateway.lookup(LookupKind.SITES, Priority.INTERACTIVE);

        TinyServer.Request request = server.requests().get(0);
        assertThat(request.header("authorization")).isEqualTo("Bearer " + Keys.CURRENT_TEXT);
        assertThat(Ulid.isUlid(request.header("x-request-id"))).isTrue();
        assertThat(request.header("accept-encoding")).contains("gzip");
    }

    @Test
    void readsAGzippedAnswer() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write("{\"items\":[{\"id\":\"1\",\"name\":\"Zipped\"}]}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: "
                        + zipped.size() + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + zipped.size()];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(zipped.toByteArray(), 0, all, head.length, zipped.size());
        server.then(Reply.raw(all));

        assertThat(gateway.lookup(LookupKind.PROJECTS, Priority.BACKGROUND))
                .extracting(i -> i.name())
                .containsExactly("Zipped");
    }

    @Test
    void resendsEveryFilterWithEachCursor() {
        server.then(
                Reply.json(200, "{\"jobs\":[" + job("5", "") + "],\"next_cursor\":\"gt/2\"}"),
                Reply.json(200, "{\"jobs\":[" + job("4", "") + "],\"next_cursor\":null}"));
        JobQuery query = JobQuery.updatedBetween(
                        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00.5Z"))
                .withStatus(StatusId.of("68392"))
                .withNumber(JobNumber.of("16"))
                .withStartBetween(
                        OffsetDateTime.parse("2026-07-01T00:00:00+10:00"),
                        OffsetDateTime.parse("2026-08-01T00:00:00+10:00"));

        Iterator<JobPage> pages = gateway.pages(query, Optional.empty(), Priority.BACKGROUND);
        List<JobPage> all = new ArrayList<>();
        pages.forEachRemaining(all::add);

        assertThat(all).hasSize(2);
        List<String> first = decodedQuery(server.requests().get(0));
        List<String> second = decodedQuery(server.requests().get(1));
        assertThat(first)
                .containsExactly(
                        "state=all",
                        "status=68392",
                        "updated_at_from=2026-01-01T00:00:00Z",
                        "updated_at_to=2026-01-02T00:00:00.500Z",
                        "start_time_from=2026-07-01T00:00:00+10:00",
                        "start_time_to=2026-08-01T00:00:00+10:00",
                        "number=16",
                        "page_size=100");
        assertThat(second.subList(0, second.size() - 1)).isEqualTo(first);
        assertThat(second.get(second.size() - 1)).isEqualTo("cursor=gt/2");
        assertThat(server.requests().get(0).query()).contains("%2B10%3A00");
    }

    @Test
    void sendsTheCursorUnderTheConfiguredName() {
        server.then(Reply.json(200, "{\"jobs\":[" + job("4", "") + "],\"next_cursor\":null}"));
        try (VertxGateway named = gateway(b -> b.cursorParameter("page_token"))) {
            named.listJobs(JobQuery.open(), Optional.of("gt/2"), Priority.BACKGROUND);
        }
        assertThat(decodedQuery(server.requests().get(0)))
                .contains("page_token=gt/2")
                .noneMatch(p -> p.startsWith("cursor="));
        assertThatThrownBy(() -> gateway(b -> b.cursorParameter("page_size")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a filter's name");
    }

    static List<String> decodedQuery(TinyServer.Request request) {
        return List.of(request.query().split("&")).stream()
                .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void sendsOnlyTheMembersOfAPatchAndAnEmptyCancelBody() {
        server.then(Reply.noContent(), Reply.noContent(), Reply.noContent());

        gateway.updateJob(
                JobId.of("21172159"),
                new JobPatch(
                        Optional.of("New title"),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Map.of()));
        gateway.cancelJob(new CancelRequest(JobId.of("21172159"), Optional.empty()));
        gateway.cancelJob(new CancelRequest(JobId.of("21172159"), Optional.of("customer cancelled")));

        assertThat(server.requests())
                .extracting(r -> r.method() + " " + r.path() + " " + r.body())
                .containsExactly(
                        "PATCH /v1/jobs/21172159 {\"title\":\"New title\"}",
                        "POST /v1/jobs/21172159/cancel {}",
                        "POST /v1/jobs/21172159/cancel {\"reason\":\"customer cancelled\"}");
    }

    // ---- error answers -----------------------------------------------------------------------------

    @Test
    void aProblemDocumentBecomesATypedProblemWithBothRequestIds() {
        server.then(Reply.problem(409, "editing-locked", "req_01HX9CK3T6JZ2N8H6K7G5W2BFA"));

        GatewayProblemException error = catchThrowableOfType(
                GatewayProblemException.class,
                () -> gateway.updateJob(
                        JobId.of("1"),
                        new JobPatch(
                                Optional.of("x"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Map.of())));

        assertThat(error.problem().code()).isEqualTo(ProblemCode.EDITING_LOCKED);
        assertThat(error.problem().status()).isEqualTo(409);
        assertThat(error.problem().title()).isEqualTo("editing-locked happened");
        assertThat(error.gatewayRequestId()).contains("req_01HX9CK3T6JZ2N8H6K7G5W2BFA");
        assertThat(error.clientRequestId()).contains(server.requests().get(0).header("x-request-id"));
        assertThat(error.operation()).isEqualTo("PATCH /v1/jobs/{id}");
    }

    @Test
    void anUnknownProblemCodeKeepsTypeStatusAndTitle() {
        server.then(Reply.problem(418, "teapot", "req_x"));

        GatewayProblemException error = catchThrowableOfType(
                GatewayProblemException.class, () -> gateway.lookup(LookupKind.JOB_TYPES, Priority.BACKGROUND));

        assertThat(error.problem().code()).isEqualTo(ProblemCode.UNKNOWN);
        assertThat(error.problem().type()).isEqualTo("https://gateway/errors/teapot");
        assertThat(error.problem().status()).isEqualTo(418);
        assertThat(error.problem().codeName()).isEqualTo("teapot");
    }

    @Test
    void anHtml502FromAProxyIsRetriedForReadsAndKeptAsABoundedSnippet() {
        String html =
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\n<body>" + "x".repeat(5000) + "</body></html>";
        server.then(Reply.of(502, "text/html", html), Reply.json(200, "{\"items\":[]}"));

        assertThat(gateway.lookup(LookupKind.JOB_STATUSES, Priority.BACKGROUND)).isEmpty();
        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps()).hasSize(1);

        server.otherwise(Reply.of(502, "text/html", html));
        OutcomeUnknownException unknown =
                catchThrowableOfType(OutcomeUnknownException.class, () -> gateway.createJob(draft()));
        GatewayResponseException cause = (GatewayResponseException) unknown.getCause();
        assertThat(cause.kind()).isEqualTo(GatewayResponseException.Kind.NOT_A_PROBLEM_DOCUMENT);
        assertThat(cause.status()).isEqualTo(502);
        assertThat(cause.snippet())
                .startsWith("<html> <head><title>502 Bad Gateway</title>")
                .hasSizeLessThanOrEqualTo(200)
                .doesNotContain("\r", "\n");
        assertThat(cause.getMessage()).contains("text/html").doesNotContain("<html>");
    }

    @Test
    void anEmptyErrorBodyIsNotAProblemDocument() {
        server.then(Reply.of(400, null, ""));

        GatewayResponseException error = catchThrowableOfType(
                GatewayResponseException.class, () -> gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND));

        assertThat(error.kind()).isEqualTo(GatewayResponseException.Kind.NOT_A_PROBLEM_DOCUMENT);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.snippet()).isEmpty();
        assertThat(error.getMessage()).contains("empty body");
    }

    @Test
    void aTruncatedBodyIsMalformed() {
        server.then(Reply.json(200, DOCUMENTED_LIST.substring(0, DOCUMENTED_LIST.length() / 2)));

        GatewayResponseException error = catchThrowableOfType(
                GatewayResponseException.class,
                () -> gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND));

        assertThat(error.kind()).isEqualTo(GatewayResponseException.Kind.MALFORMED);
        assertThat(error.status()).isEqualTo(200);
    }

    @Test
    void anAnswerOverTheSizeLimitIsTooLarge() {
        gateway.close();
        gateway = gateway(b -> b.maxResponseBytes(2048));
        server.then(
                Reply.json(200, "{\"items\":[" + "{\"id\":\"1\",\"name\":\"n\"},".repeat(400) + "{\"id\":\"2\"}]}"));

        GatewayResponseException error = catchThrowableOfType(
                GatewayResponseException.class, () -> gateway.lookup(LookupKind.SITES, Priority.BACKGROUND));

        assertThat(error.kind()).isEqualTo(GatewayResponseException.Kind.TOO_LARGE);
        assertThat(error.getMessage()).contains("2048");
    }

    @Test
    void anUnreadableAnswerToACreateIsOutcomeUnknownBecauseTheJobExists() {
        server.then(Reply.json(201, "{\"id\":21172159}"));

        OutcomeUnknownException error =
                catchThrowableOfType(OutcomeUnknownException.class, () -> gateway.createJob(draft()));

        assertThat(error.getCause())
                .isInstanceOfSatisfying(
                        GatewayResponseException.class,
                        e -> assertThat(e.kind()).isEqualTo(GatewayResponseException.Kind.SCHEMA));
        assertThat(server.requests()).hasSize(1);
    }

    // ---- transport failures and retries -------------------------------------------------------------

    @Test
    void aSlowBodyHitsThePerAttemptTimeoutAndReadsAreRetried() {
        gateway.close();
        gateway = gateway(b -> b.attemptTimeout(Duration.ofMillis(400)).maxAttempts(2));
        server.then(Reply.slow(DOCUMENTED_LIST, 10, 150), Reply.slow(DOCUMENTED_LIST, 10, 150));

        GatewayUnavailableException error = catchThrowableOfType(
                GatewayUnavailableException.class,
                () -> gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND));

        assertThat(error.getMessage()).contains("gave up after 2 attempt(s)");
        assertThat(error.getCause()).hasMessageContaining("attempt timeout");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void aCreateThatTimesOutIsOutcomeUnknownAndNotResent() {
        gateway.close();
        // 1 s: on a loaded 2-core machine the first POST of a fresh client did not reach the server within 300 ms.
        gateway = gateway(b -> b.attemptTimeout(Duration.ofMillis(1_000)));
        server.then(Reply.silence(3_000));

        OutcomeUnknownException error =
                catchThrowableOfType(OutcomeUnknownException.class, () -> gateway.createJob(draft()));

        assertThat(error.getMessage()).contains("may have run");
        assertThat(error.clientRequestId()).contains(server.requests().get(0).header("x-request-id"));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aCreateThatGot500IsOutcomeUnknownAndNotResent() {
        server.then(Reply.problem(500, "internal", "req_500"), Reply.json(201, "{\"id\":\"1\"}"));

        OutcomeUnknownException error =
                catchThrowableOfType(OutcomeUnknownException.class, () -> gateway.createJob(draft()));

        assertThat(error.gatewayRequestId()).contains("req_500");
        assertThat(error.getCause()).isInstanceOf(GatewayProblemException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aCreateThatGot429IsRetriedAndTheBudgetIsTold() {
        server.then(Reply.problem(429, "rate-limited", "req_429"), Reply.json(201, "{\"id\":\"42\"}"));

        CreatedJob created = gateway.createJob(draft());

        assertThat(created.id()).isEqualTo(JobId.of("42"));
        assertThat(server.requests()).hasSize(2);
        assertThat(budget.rateLimitedReports()).isEqualTo(1);
        assertThat(budget.grants(Priority.INTERACTIVE)).isEqualTo(2);
        assertThat(time.sleeps()).hasSize(1);
        assertThat(time.sleeps().get(0)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(server.requests().get(0).header("x-request-id"))
                .isNotEqualTo(server.requests().get(1).header("x-request-id"));
    }

    @Test
    void aResetConnectionIsRetriedForReadsAndOutcomeUnknownForACancel() {
        server.then(Reply.reset(), Reply.json(200, "{\"items\":[]}"), Reply.reset(), Reply.noContent());

        assertThat(gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND)).isEmpty();
        assertThatThrownBy(() -> gateway.cancelJob(new CancelRequest(JobId.of("9"), Optional.empty())))
                .isInstanceOf(OutcomeUnknownException.class);
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void aRefusedConnectionIsRetriedEvenForACreateBecauseNothingWasSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        gateway.close();
        gateway = gateway("http://127.0.0.1:" + closedPort, b -> b.maxAttempts(3));

        GatewayUnavailableException error =
                catchThrowableOfType(GatewayUnavailableException.class, () -> gateway.createJob(draft()));

        assertThat(error.getMessage()).contains("gave up after 3 attempt(s)");
        assertThat(error.getCause()).hasMessageContaining("could not connect");
        assertThat(time.sleeps()).hasSize(2);
        // What users see is in our words; the transport's exception class goes to the log only.
        assertThat(error.describe()).doesNotContain("Exception", "io.netty", "io.vertx");
        assertThat(logs.all()).contains("ConnectException");
    }

    @Test
    void writesDisabledIsFinalButAnUnknown503IsRetriedForReads() {
        server.then(
                Reply.problem(503, "writes-disabled", "req_wd"),
                Reply.problem(503, "unavailable", "req_u"),
                Reply.json(200, "{\"items\":[]}"));

        assertThatThrownBy(() -> gateway.createJob(draft()))
                .isInstanceOfSatisfying(
                        GatewayProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ProblemCode.WRITES_DISABLED));
        assertThat(gateway.lookup(LookupKind.SITES, Priority.BACKGROUND)).isEmpty();
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void givesUpAtTheDeadlineWhenRateLimitedForever() {
        gateway.close();
        gateway = gateway(b -> b.deadline(Duration.ofSeconds(5)).maxAttempts(100));
        server.otherwise(Reply.problem(429, "rate-limited", "req_429"));

        GatewayUnavailableException error = catchThrowableOfType(
                GatewayUnavailableException.class, () -> gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND));

        assertThat(error.getCause()).isInstanceOf(GatewayProblemException.class);
        Duration slept = time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(slept).isLessThan(Duration.ofSeconds(5));
        assertThat(server.requests().size())
                .isGreaterThan(2)
                .isEqualTo(time.sleeps().size() + 1);
        assertThat(budget.rateLimitedReports()).isEqualTo(server.requests().size());
    }

    // ---- keys, logs, spans -------------------------------------------------------------------------

    @Test
    void a401SwitchesOnceToTheNextKeyWhichStaysActive() {
        gateway.close();
        gateway = gateway(b -> b.keySource(new FixedKeySource(Keys.CURRENT, Keys.NEXT)));
        server.then(
                Reply.problem(401, "unauthorized", "req_401"),
                Reply.json(200, "{\"items\":[]}"),
                Reply.json(200, "{\"items\":[]}"));

        gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND);
        gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND);

        assertThat(server.requests())
                .extracting(r -> r.header("authorization"))
                .containsExactly("Bearer " + Keys.CURRENT_TEXT, "Bearer " + Keys.NEXT_TEXT, "Bearer " + Keys.NEXT_TEXT);
        assertThat(time.sleeps()).isEmpty();
        assertThat(logs.all())
                .contains("switched to the next key " + Keys.NEXT.redacted())
                .contains(Keys.CURRENT.redacted());
    }

    @Test
    void aSecond401IsFinal() {
        gateway.close();
        gateway = gateway(b -> b.keySource(new FixedKeySource(Keys.CURRENT, Keys.NEXT)));
        server.otherwise(Reply.problem(401, "unauthorized", "req_401"));

        assertThatThrownBy(() -> gateway.lookup(LookupKind.SITES, Priority.BACKGROUND))
                .isInstanceOfSatisfying(GatewayProblemException.class, e -> {
                    assertThat(e.problem().code()).isEqualTo(ProblemCode.UNAUTHORIZED);
                    assertThat(e.getMessage()).doesNotContain(Keys.CURRENT_TEXT, Keys.NEXT_TEXT);
                });
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void eachAttemptCarriesItsSpanAsW3cTraceparentUnderTheCallersTrace() {
        server.then(Reply.problem(500, "internal", "req_a"), Reply.json(200, DOCUMENTED_LIST, "X-Request-Id: req_b"));
        SpanContext caller = SpanContext.createFromRemoteParent(
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                TraceFlags.getSampled(),
                TraceState.getDefault());

        try (Scope ignored =
                io.opentelemetry.context.Context.root().with(Span.wrap(caller)).makeCurrent()) {
            gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);
        }

        List<SpanData> finished = spans.finished();
        assertThat(finished).hasSize(2);
        for (int i = 0; i < 2; i++) {
            SpanData span = finished.get(i);
            assertThat(span.getTraceId()).isEqualTo(caller.getTraceId());
            assertThat(span.getParentSpanId()).isEqualTo(caller.getSpanId());
            assertThat(server.requests().get(i).header("traceparent"))
                    .isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
        }
    }

    @Test
    void withoutATraceNoTraceparentIsInvented() {
        server.then(Reply.json(200, "{\"items\":[]}"));
        VertxGateway untraced =
                gateway(b -> b.tracer(io.opentelemetry.api.OpenTelemetry.noop().getTracer("none")));
        try {
            untraced.lookup(LookupKind.SITES, Priority.INTERACTIVE);
        } finally {
            untraced.close();
        }
        assertThat(server.requests().get(0).header("traceparent")).isNull();
    }

    @Test
    void theCallsLogLineCarriesBothRequestIdsAsFields() {
        server.then(Reply.problem(500, "internal", "req_a"), Reply.json(200, DOCUMENTED_LIST, "X-Request-Id: req_b"));
        List<Map<String, String>> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Integer> linesWhenClosed = new java.util.concurrent.CopyOnWriteArrayList<>();
        VertxGateway fielded = gateway(b -> b.logFields(fields -> {
            opened.add(fields);
            return () -> linesWhenClosed.add(logs.lines().size());
        }));
        try {
            fielded.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);
        } finally {
            fielded.close();
        }

        assertThat(opened).hasSize(1);
        assertThat(opened.get(0))
                .containsEntry("gateway_call", "GET /v1/jobs")
                .containsEntry("gateway_status", "200")
                .containsEntry("request_id", server.requests().get(1).header("x-request-id"))
                .containsEntry("gateway_request_id", "req_b");
        assertThat(linesWhenClosed).containsExactly(1); // the line was written while the fields were attached
    }

    @Test
    void oneSpanPerAttemptAndOneLogLinePerCallWithoutKeyOrBody() {
        server.then(Reply.problem(500, "internal", "req_a"), Reply.json(200, DOCUMENTED_LIST, "X-Request-Id: req_b"));

        gateway.listJobs(JobQuery.open(), Optional.empty(), Priority.BACKGROUND);

        List<SpanData> finished = spans.finished();
        assertThat(finished).hasSize(2);
        assertThat(finished).extracting(SpanData::getName).containsOnly("GET /v1/jobs");
        SpanData first = finished.get(0);
        SpanData second = finished.get(1);
        assertThat(first.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(500);
        assertThat(first.getAttributes().get(AttributeKey.longKey("fieldsync.retry_count")))
                .isZero();
        assertThat(second.getAttributes().get(AttributeKey.longKey("fieldsync.retry_count")))
                .isEqualTo(1);
        assertThat(second.getAttributes().get(AttributeKey.stringKey("http.request.method")))
                .isEqualTo("GET");
        assertThat(second.getAttributes().get(AttributeKey.stringKey("url.template")))
                .isEqualTo("/v1/jobs");
        assertThat(second.getAttributes().get(AttributeKey.longKey("fieldsync.budget_wait_ms")))
                .isZero();
        assertThat(second.getAttributes().get(AttributeKey.stringKey("fieldsync.gateway_request_id")))
                .isEqualTo("req_b");
        assertThat(second.getAttributes().get(AttributeKey.stringKey("fieldsync.request_id")))
                .isEqualTo(server.requests().get(1).header("x-request-id"));
        String everySpan = finished.toString();
        assertThat(everySpan).doesNotContain(Keys.CURRENT_TEXT).doesNotContain("Annual service");

        List<String> lines = logs.lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains("GET /v1/jobs status=200 attempts=2")
                .contains("request_id=" + server.requests().get(1).header("x-request-id"))
                .contains("gateway_request_id=req_b")
                .doesNotContain("Annual service")
                .doesNotContain(Keys.CURRENT_TEXT);
    }

    @Test
    void timeWaitedForBudgetIsRecordedAndDoesNotEatTheDeadline() {
        List<Priority> asked = new ArrayList<>();
        dev.fieldsync.ports.out.budget.RateBudget slowBudget = new dev.fieldsync.ports.out.budget.RateBudget() {
            @Override
            public Duration acquire(Priority priority) {
                asked.add(priority);
                time.clock().advance(Duration.ofSeconds(5)); // the budget made us wait 5 s (virtual)
                return Duration.ofSeconds(5);
            }

            @Override
            public void reportRateLimited() {}

            @Override
            public dev.fieldsync.ports.out.budget.BudgetStatus status() {
                throw new UnsupportedOperationException();
            }
        };
        gateway.close();
        gateway = gateway(b -> b.budget(slowBudget).deadline(Duration.ofSeconds(2)));
        server.then(Reply.json(200, "{\"items\":[]}"), Reply.noContent());

        gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND);
        gateway.updateSite(
                SiteId.of("1"),
                new dev.fieldsync.domain.site.SitePatch(emptyDetails().withBusiness("B")));

        assertThat(asked).containsExactly(Priority.BACKGROUND, Priority.INTERACTIVE);
        assertThat(spans.finished().get(0).getAttributes().get(AttributeKey.longKey("fieldsync.budget_wait_ms")))
                .isEqualTo(5000);
        assertThat(logs.lines().get(0)).contains("budget_wait_ms=5000");
    }

    @Test
    void refusesToBeCalledOnAnEventLoopThread() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            try {
                gateway.lookup(LookupKind.CUSTOMERS, Priority.BACKGROUND);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
        });

        assertThat(failure.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("event-loop");
        assertThat(server.requests()).isEmpty();
    }

    static SiteDetailsBuilder emptyDetails() {
        return new SiteDetailsBuilder();
    }

    /** Tiny helper so site tests read well. */
    static final class SiteDetailsBuilder {
        dev.fieldsync.domain.site.SiteDetails withBusiness(String name) {
            return dev.fieldsync.domain.site.SiteDetails.NONE.withBusinessName(name);
        }
    }
}
