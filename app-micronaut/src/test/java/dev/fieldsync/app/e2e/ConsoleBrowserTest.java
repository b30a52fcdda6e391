package dev.fieldsync.app.e2e;

import static dev.fieldsync.app.e2e.ServiceEndToEndTest.json;
import static dev.fieldsync.app.e2e.ServiceEndToEndTest.poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.fieldsync.app.cli.Contexts;
import dev.fieldsync.app.config.TokenHash;
import dev.fieldsync.sandbox.GatewaySandbox;
import dev.fieldsync.sandbox.SandboxKeys;
import dev.fieldsync.sandbox.SandboxOptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium (Debian's chromium and chromium-driver, driven by Selenium; missing
 * ones fail the test, never skip it) against the service on H2 and the sandbox, one service and one browser through
 * ordered steps: sign-in puts the token into an HttpOnly, SameSite=Strict cookie and never into a page; the pages
 * show what the API says; a needs_review create confirmed from the page is created in the API; a dead-lettered change
 * replayed from the page reaches the receiver; a read-only token sees no button and its forged POSTs, like a form
 * from another origin, are refused. Each page's screenshot goes to target/console-screenshots, or to the directory
 * of -Dfieldsync.console.screenshots (docs/console is made that way, see the README).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String ADMIN = "console-admin-token-0123456789";
    static final String VIEWER = "console-viewer-token-0123456789";
    GatewaySandbox sandbox;
    ApplicationContext context;
    String base;
    String integration;
    HttpServer receiver;
    final AtomicBoolean receiverUp = new AtomicBoolean(false);
    final List<String> received = new CopyOnWriteArrayList<>();
    WebDriver browser;
    Path screenshots;

    @BeforeAll
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (!receiverUp.get()) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            received.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        sandbox = GatewaySandbox.start(SandboxOptions.defaults()
                .seed(23)
                .jobs(80)
                .rateLimited(false)
                .confirmDelaySeconds(0.5, 1)
                .officeEditRatePerSecond(0)
                .port(0));
        integration = "console-" + TestDatabases.uniqueIntegration().substring(3, 11);
        Map<String, Object> properties = new HashMap<>(TestDatabases.h2());
        properties.put("micronaut.server.port", -1);
        properties.put("fieldsync.integration-id", integration);
        properties.put("fieldsync.gateway.base-url", sandbox.baseUrl());
        properties.put("fieldsync.key.value", SandboxKeys.FULL);
        properties.put("fieldsync.api.token", ADMIN);
        properties.put(
                "fieldsync.api.tokens.viewer.hashes", TokenHash.of(VIEWER).text());
        properties.put("fieldsync.api.tokens.viewer.scopes", "read");
        properties.put("fieldsync.budget.rate-per-minute", 600);
        properties.put("fieldsync.budget.burst", 60);
        properties.put("fieldsync.sync.interval", "1h");
        properties.put("fieldsync.sync.requested-pass-interval", "0s");
        properties.put("fieldsync.sync.first-pass-horizon", "3650d");
        properties.put("fieldsync.dispatch.interval", "200ms");
        properties.put("fieldsync.submissions.reconcile-margin", "1s");
        properties.put(
                "fieldsync.changes.endpoints.erp.url",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        Path secret = Files.createTempFile("fieldsync-console-erp-", ".secret");
        Files.writeString(secret, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        properties.put("fieldsync.changes.endpoints.erp.secret", "file:" + secret);
        properties.put("fieldsync.changes.endpoints.erp.kinds", "job.changed,job.state_changed");
        properties.put("fieldsync.changes.delivery.retry-schedule", "100ms"); // two failed attempts: dead-lettered
        properties.put("fieldsync.changes.delivery.poll-interval", "100ms");
        context = Contexts.server(properties);
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort();
        poll(
                Duration.ofSeconds(60),
                "the first pass",
                () -> json(Http.get(base + "/api/sync", ADMIN)).hasNonNull("last_completed_to") ? true : null);
        screenshots = Path.of(System.getProperty("fieldsync.console.screenshots", "target/console-screenshots"));
        Files.createDirectories(screenshots);
        browser = browser();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (context != null) {
            context.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    @Order(1)
    void signingInKeepsTheTokenInAnHttpOnlyStrictCookieAndTheIntegrationsPageShowsTheApisFigures() {
        browser.get(base + "/console/integrations");
        assertThat(browser.getCurrentUrl()).as("no cookie: the sign-in page").endsWith("/console/sign-in");
        browser.findElement(By.id("token")).sendKeys("not-a-token-of-this-service");
        browser.findElement(By.id("sign-in")).click();
        assertThat(browser.findElement(By.id("sign-in-problem")).getText()).contains("not one of this service's");
        assertThat(browser.manage().getCookieNamed("fieldsync_console")).isNull();

        signIn(ADMIN);
        Cookie cookie = browser.manage().getCookieNamed("fieldsync_console");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(cookie.getPath()).isEqualTo("/console");
        JsonNode sync = json(Http.get(base + "/api/sync", ADMIN));
        WebElement row = browser.findElement(By.id("integration-" + integration));
        assertThat(row.getText())
                .contains(
                        integration, "this instance", sync.get("mirrored_jobs").asText(), "running");
        assertThat(browser.findElement(By.id("viewer")).getText()).contains("default", "admin");
        assertThat(browser.getPageSource()).doesNotContain(ADMIN);
        screenshot("integrations");

        browser.findElement(By.id("sync-" + integration)).click();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("sync pass");
    }

    @Test
    @Order(2)
    void pausingFromThePagePausesTheIntegrationInTheApiAndResumingRunsItAgain() {
        browser.get(base + "/console/integrations");
        browser.findElement(By.id("pause-" + integration)).click();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("paused");
        JsonNode paused = json(Http.get(base + "/api/integrations/" + integration, ADMIN));
        assertThat(paused.get("state").asText()).isEqualTo("paused");

        browser.get(base + "/console/integrations");
        assertThat(browser.findElement(By.id("integration-" + integration)).getText())
                .contains("paused since");
        screenshot("integrations-paused");
        browser.findElement(By.id("sync-" + integration)).click();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("paused");
        browser.get(base + "/console/integrations");
        browser.findElement(By.id("resume-" + integration)).click();
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("runs again");
        assertThat(json(Http.get(base + "/api/integrations/" + integration, ADMIN))
                        .get("state")
                        .asText())
                .isEqualTo("running");
    }

    @Test
    @Order(3)
    void theBudgetPageChartsTheLastHourBySeriesWithTheTokensNow() {
        browser.get(base + "/console/budget");
        assertThat(browser.findElement(By.id("budget-now")).getText()).contains("of 60", "600 per minute");
        assertThat(browser.findElements(By.cssSelector("#budget-chart rect")))
                .as("the first pass's calls")
                .isNotEmpty();
        String totals = browser.findElement(By.id("budget-totals")).getText();
        assertThat(totals).contains("interactive", "background", "lookups");
        assertThat(rowOf("budget-totals", "background")).doesNotEndWith(" 0 0");
        screenshot("budget");
    }

    @Test
    @Order(4)
    void theJobsPageSearchesTheMirrorAndOpensAJobWithItsHistory() {
        JsonNode first =
                json(Http.get(base + "/api/jobs?limit=1", ADMIN)).get("jobs").get(0);
        browser.get(base + "/console/jobs");
        browser.findElement(By.id("filter-number")).sendKeys(first.get("number").asText());
        clickAndWaitForTheNextPage(By.id("search"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#jobs tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getText())
                .contains(first.get("id").asText(), first.get("title").asText());
        screenshot("jobs");

        clickAndWaitForTheNextPage(By.linkText(first.get("id").asText()));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains(first.get("title").asText());
        assertThat(browser.findElement(By.id("job-history")).getText()).contains("job.created");
        screenshot("job");

        browser.get(base + "/console/jobs?limit=9999");
        assertThat(browser.findElement(By.id("search-problem")).getText()).contains("limit must be");
    }

    @Test
    @Order(5)
    void aNeedsReviewCreateConfirmedFromThePageIsCreatedInTheApi() {
        String statusUrl = needsReview("Renamed before review");
        JsonNode review = json(Http.get(base + statusUrl, ADMIN));
        String id = review.get("id").asText();
        String job = review.get("candidates").get(0).asText();

        browser.get(base + "/console/submissions");
        assertThat(browser.findElement(By.id("submission-" + id)).getText()).contains("needs_review", "job " + job);
        screenshot("submissions");
        browser.findElement(By.id("confirm-" + id + "-" + job)).click();
        assertThat(browser.findElement(By.id("confirm-step")).getText()).contains("Really confirm", job);
        assertThat(json(Http.get(base + statusUrl, ADMIN)).get("state").asText())
                .as("the confirmation step changes nothing")
                .isEqualTo("needs_review");
        screenshot("submission-confirm");
        browser.findElement(By.id("confirm-confirm")).click();

        assertThat(browser.findElement(By.id("outcome")).getText()).contains("created", job);
        JsonNode after = json(Http.get(base + statusUrl, ADMIN));
        assertThat(after.get("state").asText()).isEqualTo("created");
        assertThat(after.get("job_id").asText()).isEqualTo(job);
        JsonNode last = after.get("history").get(after.get("history").size() - 1);
        assertThat(last.get("actor").asText()).isEqualTo("token:default");
    }

    @Test
    @Order(6)
    void aDeadLetteredChangeReplayedFromThePageReachesTheReceiver() {
        JsonNode jobs = json(Http.get(base + "/api/jobs?limit=20", ADMIN)).get("jobs");
        String edited = jobs.get(jobs.size() - 1).get("id").asText();
        assertThat(sandbox.officeEdit(edited, "Edited by the office", "Office: called the customer"))
                .isTrue();
        assertThat(Http.post(base + "/api/sync", ADMIN, "").statusCode()).isEqualTo(202);
        JsonNode dead = poll(Duration.ofSeconds(30), "a dead letter of erp", () -> {
            Http.post(base + "/api/sync", ADMIN, "");
            JsonNode consumer = json(Http.get(base + "/api/changes/consumers/erp", ADMIN));
            JsonNode letters = consumer.path("dead_letters");
            return letters.isArray() && !letters.isEmpty() ? letters.get(0) : null;
        });
        String change = dead.get("change_id").asText();
        receiverUp.set(true);
        browser.get(base + "/console/consumers");
        assertThat(browser.findElement(By.id("consumers")).getText()).contains("erp", "webhook");
        assertThat(browser.findElement(By.id("dead-letters-erp")).getText()).contains(change);
        screenshot("consumers");

        browser.findElement(By.id("replay-" + change)).click();

        assertThat(browser.findElement(By.id("outcome")).getText()).contains("1 of 1 delivered");
        assertThat(received).contains(change);
    }

    @Test
    @Order(7)
    void aReadOnlyTokenSeesNoButtonAndItsForgedPostsAreRefused() {
        browser.findElement(By.cssSelector("form.who button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/console/sign-in"));
        assertThat(browser.manage().getCookieNamed("fieldsync_console")).isNull();
        signIn(VIEWER);
        for (String page : List.of("integrations", "budget", "submissions", "consumers", "jobs")) {
            browser.get(base + "/console/" + page);
            assertThat(browser.findElements(By.cssSelector("main form[method='post']")))
                    .as(page + ": no action button for a read-only token")
                    .isEmpty();
            assertThat(browser.findElements(By.cssSelector("main a.action"))).isEmpty();
        }
        String origin = base;
        Map<String, String> forged = Map.of(
                "/console/integrations/" + integration + "/sync",
                "",
                "/console/consumers/erp/replay",
                "change=chg_" + integration + "_1",
                "/console/submissions/" + anySubmission() + "/resend",
                "");
        forged.forEach((path, body) -> {
            HttpResponse<String> refused = formPost(path, body, VIEWER, origin);
            assertThat(refused.statusCode()).as("read-only " + path).isEqualTo(403);
            assertThat(refused.body()).doesNotContain(VIEWER);
        });
        assertThat(formPost("/console/integrations/" + integration + "/sync", "", ADMIN, "https://evil.example")
                        .statusCode())
                .as("an admin's cookie on a form from another origin")
                .isEqualTo(403);
        assertThat(formPost("/console/integrations/" + integration + "/sync", "", ADMIN, null)
                        .statusCode())
                .as("no Origin, no Referer")
                .isEqualTo(403);
        assertThat(formPost("/console/integrations/" + integration + "/sync", "", ADMIN, origin)
                        .statusCode())
                .as("the same form from the console itself")
                .isEqualTo(200);
        assertThat(Http.post(base + "/api/sync", null, "").statusCode())
                .as("the API never reads the console's cookie")
                .isEqualTo(401);
    }

    private String anySubmission() {
        return json(Http.get(base + "/api/submissions?limit=1", ADMIN))
                .get("submissions")
                .get(0)
                .get("id")
                .asText();
    }

    private HttpResponse<String> formPost(String path, String body, String token, String origin) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Cookie", "fieldsync_console=" + token);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return Http.sendForm(base + path, body, headers);
    }

    /**
     * Clicks a link or a submit button and waits until the page it was on is gone: a click returns before the next
     * page loads, and the old page has the same elements (the unfiltered job list has rows too).
     */
    private void clickAndWaitForTheNextPage(By target) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(page));
    }

    private void signIn(String token) {
        browser.get(base + "/console/sign-in");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.urlContains("/console/integrations"));
    }

    private String rowOf(String table, String first) {
        return browser.findElements(By.cssSelector("#" + table + " tr")).stream()
                .map(WebElement::getText)
                .filter(text -> text.startsWith(first))
                .findFirst()
                .orElseThrow();
    }

    /** A create whose answer the gateway dropped, then renamed by the office: it waits for a person. */
    private String needsReview(String title) {
        JsonNode lookups = json(Http.get(base + "/api/lookups", ADMIN));
        String site = lookups.get("sites").get(0).get("id").asText();
        String jobType = lookups.get("job_types").get(0).get("id").asText();
        sandbox.faults().ambiguousCreateDropProbability(1.0);
        String statusUrl;
        try {
            String body = "{\"site\": \"" + site + "\", \"job_type\": \"" + jobType + "\", \"title\": \"" + title
                    + "\", \"start_time\": \"2026-07-01T09:00:00+10:00\", \"end_time\": \"2026-07-01T11:00:00+10:00\"}";
            HttpResponse<String> accepted = Http.post(base + "/api/jobs", ADMIN, body);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            statusUrl = json(accepted).get("status_url").asText();
            String url = statusUrl;
            poll(
                    Duration.ofSeconds(30),
                    "outcome_unknown",
                    () -> json(Http.get(base + url, ADMIN))
                                    .get("state")
                                    .asText()
                                    .equals("outcome_unknown")
                            ? true
                            : null);
        } finally {
            sandbox.faults().reset();
        }
        String externalId =
                json(Http.get(base + statusUrl, ADMIN)).get("external_id").asText();
        String job = sandbox.dump().stream()
                .filter(j -> externalId.equals(j.externalId()))
                .findFirst()
                .orElseThrow()
                .id();
        assertThat(sandbox.officeEdit(job, "Renamed by the office", "Office: notes tidied up"))
                .isTrue();
        String url = statusUrl;
        poll(Duration.ofSeconds(30), "needs_review", () -> {
            Http.post(base + "/api/sync", ADMIN, "");
            return json(Http.get(base + url, ADMIN)).get("state").asText().equals("needs_review") ? true : null;
        });
        return statusUrl;
    }

    private void screenshot(String name) {
        try {
            Files.write(
                    screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new AssertionError("could not write the screenshot " + name + ": " + e, e);
        }
    }

    private static WebDriver browser() throws java.io.IOException {
        File driver = new File("/usr/bin/chromedriver");
        File chromium = new File("/usr/bin/chromium");
        if (!driver.canExecute() || !chromium.canExecute()) {
            throw new AssertionError("the console's browser tests need Debian's chromium and chromium-driver "
                    + "(/usr/bin/chromium, /usr/bin/chromedriver): apt-get install -y chromium chromium-driver "
                    + "(bash .ci/run does this)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1440,960",
                "--user-data-dir=" + Files.createTempDirectory("fieldsync-console-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver)
                .usingAnyFreePort()
                .build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return browser;
    }
}
