package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * What an attacker could try from a browser: markup in submissions, diagnostics and traces (shown as
 * text, never run: any dialog fails the test), forms posted from another origin (refused with 403,
 * nothing changes), and other people's attempts or the instructor pages (404 and 403).
 */
class SecurityBrowserTest extends BrowserTestBase {
  static final String EXERCISE = "/packs/istio-traffic-management/exercises/header-canary";
  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "<img src=x onerror=alert(2)>";

  /** A valid configuration with markup in a header value; the catch-all subset is {@code subset}. */
  static String config(String subset) {
    return """
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: {name: ecommerce-gateway}
        spec:
          selector: {istio: ingressgateway}
          servers:
          - port: {number: 80, name: http, protocol: HTTP}
            hosts: [ecommerce.example.com]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {name: ecommerce-frontend}
        spec:
          host: ecommerce-frontend
          subsets:
          - {name: v1, labels: {version: v1}}
          - {name: v2, labels: {version: v2}}
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: ecommerce-frontend}
        spec:
          hosts: [ecommerce.example.com]
          gateways: [ecommerce-gateway]
          http:
          - match:
            - headers: {canary: {exact: "%s"}}
            route:
            - destination: {host: ecommerce-frontend, subset: v2}
          - route:
            - destination: {host: ecommerce-frontend, subset: "%s"}
        """.formatted(IMG, subset);
  }

  @Test
  void markupInSubmissionsDiagnosticsAndTracesIsShownAsTextAndNeverRuns() {
    // The dialog watch works: a real alert is caught (and then forgotten).
    open("/");
    page.evaluate("alert('probe')");
    Assertions.assertThat(dialogs).containsExactly("alert: probe");
    dialogs.clear();

    signUp("mallory@example.com", "<b>Mallory</b> " + SCRIPT);
    assertThat(page.locator("header .who")).hasText("<b>Mallory</b> " + SCRIPT);
    open(EXERCISE);
    replaceEditorText(page, config(SCRIPT));

    // The editor's marker tooltip.
    assertThat(page.locator("#lint-status")).hasText(java.util.regex.Pattern.compile("^[1-9]\\d* errors?, 0 warnings$"));
    editor(page).locator(".CodeMirror-lint-marker-error").hover();
    Locator tip = page.locator(".CodeMirror-lint-tooltip");
    assertThat(tip).containsText(SCRIPT);
    assertThat(tip.locator("script, img")).hasCount(0);

    // The result's diagnostics.
    page.waitForResponse(r -> r.url().endsWith("/run"), () -> page.locator("#run-btn").click());
    page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(java.util.regex.Pattern.compile("^Diagnostics"))).click();
    Locator diags = page.locator("#panel-diags");
    assertThat(diags).isVisible();
    assertThat(diags.locator(".diag.error", new Locator.LocatorOptions().setHasText("subset name is invalid: " + SCRIPT)))
        .hasCount(1);
    assertThat(page.locator("#result script, #result img")).hasCount(0);

    // The permalink shows the submission as text.
    String permalink = page.locator("#result-panel a.permalink").getAttribute("href");
    open(permalink);
    Locator source = page.locator(".attempt-src pre");
    assertThat(source).containsText("exact: \"" + IMG + "\"");
    assertThat(source).containsText("subset: \"" + SCRIPT + "\"");
    assertThat(page.locator("main script, main img")).hasCount(0);

    // Traces: a playground request whose header value and path carry markup.
    open(EXERCISE);
    replaceEditorText(page, config("v1"));
    assertThat(page.locator("#lint-status")).hasText("✔ no findings");
    page.locator("#playground summary").click();
    Locator form = page.locator("#playground form");
    form.getByLabel("Via").selectOption("gateway:80");
    form.getByLabel("Host").fill("ecommerce.example.com");
    form.getByLabel("Path").fill("/<script>alert(3)</script>");
    form.getByLabel("Headers").fill("canary: " + IMG);
    page.waitForResponse(r -> r.url().endsWith("/playground"),
        () -> form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send request")).click());
    Locator out = page.locator("#playground-out");
    Locator summary = out.locator("table.trace summary");
    assertThat(summary).hasText("ecommerce.example.com/<script>alert(3)</script> → v2 → ecommerce-frontend-v2-0");
    summary.click();
    assertThat(out.locator("ul.kv").first()).containsText("canary: " + IMG);
    assertThat(out.locator("pre.body")).containsText(IMG);
    assertThat(out.locator("script, img")).hasCount(0);
    Assertions.assertThat(dialogs).isEmpty();
  }

  @Test
  void formsPostedFromAnotherOriginAreRefusedAndChangeNothing() throws Exception {
    signUp("ada@example.com", "Ada Lovelace");
    String attempt = runOnce(page);

    // Another origin: same host, another port. The session cookie (SameSite=Lax) IS sent to a
    // same-site address, so only the CSRF token stands between this page and the app.
    Map<String, String> pages = new ConcurrentHashMap<>();
    pages.put("/signout", autoPost(server.url("/signout"), Map.of()));
    pages.put("/share", autoPost(server.url(attempt + "/share"), Map.of("shared", "true")));
    HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    evil.createContext("/", ex -> {
      byte[] body = pages.getOrDefault(ex.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    evil.start();
    try {
      String origin = "http://127.0.0.1:" + evil.getAddress().getPort();
      Response signout = page.waitForResponse(r -> r.url().equals(server.url("/signout")),
          () -> page.navigate(origin + "/signout"));
      Assertions.assertThat(signout.status()).isEqualTo(403);
      Assertions.assertThat(signout.request().headerValue("cookie")).as("the session cookie was sent").contains("tl_session=");
      assertThat(page.locator("h1")).hasText("Not allowed");

      Response share = page.waitForResponse(r -> r.url().equals(server.url(attempt + "/share")),
          () -> page.navigate(origin + "/share"));
      Assertions.assertThat(share.status()).isEqualTo(403);
    } finally {
      evil.stop(0);
    }

    // Still signed in, and the attempt is still private.
    open(attempt);
    assertThat(page.locator("header .who")).hasText("Ada Lovelace");
    assertThat(page.locator("main")).containsText("· private");
    try (BrowserContext stranger = newContext(new Browser.NewContextOptions())) {
      Assertions.assertThat(stranger.newPage().navigate(server.url(attempt)).status()).isEqualTo(404);
    }
  }

  @Test
  void aLearnerCannotOpenAnotherLearnersPrivateAttemptOrTheInstructorPages() {
    signUp("alan@example.com", "Alan Turing");
    String attempt = runOnce(page);

    try (BrowserContext other = newContext(new Browser.NewContextOptions())) {
      Page bob = other.newPage();
      signUp(bob, "bob@example.com", "Bob");
      Response privateAttempt = bob.navigate(server.url(attempt));
      Assertions.assertThat(privateAttempt.status()).isEqualTo(404);
      assertThat(bob.locator("main")).not().containsText("ecommerce-frontend");
      for (String path : new String[] {"/instructor", "/instructor/gradebook.csv", "/instructor/packs", "/instructor/tokens"}) {
        Response r = bob.navigate(server.url(path));
        Assertions.assertThat(r.status()).as(path).isEqualTo(403);
        assertThat(bob.locator("h1")).hasText("Not allowed");
      }

      // Once its owner shares it, the attempt opens for others (read-only).
      open(attempt);
      page.waitForResponse(r -> r.url().endsWith("/share"),
          () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Share this attempt")).click());
      assertThat(page.locator("main")).containsText("shared: anyone with this link can read it");
      Assertions.assertThat(bob.navigate(server.url(attempt)).status()).isEqualTo(200);
      assertThat(bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop sharing"))).hasCount(0);
    }
  }

  /** Runs the exercise's starter once and answers the attempt's permalink path. */
  String runOnce(Page p) {
    p.navigate(server.url(EXERCISE));
    p.waitForResponse(r -> r.url().endsWith("/run"), () -> p.locator("#run-btn").click());
    Locator permalink = p.locator("#result-panel a.permalink");
    assertThat(permalink).isVisible();
    return permalink.getAttribute("href");
  }

  /** A page that posts a form (without the CSRF token) to {@code action} as soon as it loads. */
  static String autoPost(String action, Map<String, String> fields) {
    StringBuilder inputs = new StringBuilder();
    fields.forEach((k, v) -> inputs.append("<input type=hidden name=\"").append(k).append("\" value=\"").append(v).append("\">"));
    return "<!doctype html><title>Win a prize</title><form id=f method=post action=\"" + action + "\">" + inputs
        + "</form><script>document.getElementById('f').submit()</script>";
  }
}
