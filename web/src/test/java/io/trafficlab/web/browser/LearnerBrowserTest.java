package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A learner's first exercise, end to end in a browser against the real engine (the built-in pack's
 * header canary): sign up, lesson, "Try it", a typo the editor marks, partial credit with its
 * explanation, hints, full marks, the reference solution (never sent before the pass) and progress
 * that survives a reload.
 */
class LearnerBrowserTest extends BrowserTestBase {
  static final String EXERCISE = "/packs/istio-traffic-management/exercises/header-canary";
  static final Path SOLUTION = Path.of("../content/packs/istio-traffic-management/exercises/header-canary/solution.yaml");

  /** A configuration in flow style (unlike the reference solution); {@code headerRule} may be empty. */
  static String config(String headerRule, String catchAllSubset) {
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
        %s  - route:
            - destination: {host: ecommerce-frontend, subset: %s}
        """.formatted(headerRule, catchAllSubset);
  }

  static String headerRule(String value) {
    return """
          - match:
            - headers: {canary: {exact: "%s"}}
            route:
            - destination: {host: ecommerce-frontend, subset: v2}
        """.formatted(value);
  }

  @Test
  void learnerFixesATypoEarnsPartialCreditUsesHintsPassesAndFindsProgressSaved() throws Exception {
    // Every page and fragment the app sends this browser, to show when the solution is first sent.
    List<String> bodies = new CopyOnWriteArrayList<>();
    page.onResponse(r -> {
      if (r.url().startsWith(server.url("/")) && !r.url().contains("/static/") && !r.url().contains("/webjars/")
          && r.status() < 300) {
        bodies.add(visibleText(r.text()));
      }
    });
    signUp("ada@example.com", "Ada Lovelace");

    // Home → lesson → "Try it".
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Header-based canaries and feature flags")).click();
    page.waitForURL(server.url("/packs/istio-traffic-management/lessons/header-canary"));
    // The lesson text links its exercises; the page does not list them a second time.
    assertThat(page.locator("a[href='" + EXERCISE + "']")).hasCount(1);
    page.locator("article.lesson a.try-it", new Page.LocatorOptions().setHasText("Try it: A wristband for the canary")).click();
    page.waitForURL(server.url(EXERCISE));
    assertThat(page.locator("#ex-title")).hasText("A wristband for the canary");
    // The instructions do not repeat the page's title as their own heading.
    assertThat(page.locator(".instructions :is(h1, h2)", new Page.LocatorOptions().setHasText("A wristband for the canary")))
        .hasCount(0);
    // The learner's variant: the instructions name the header value.
    String value = page.locator(".instructions code", new Page.LocatorOptions().setHasText("canary: ")).first()
        .textContent().substring("canary: ".length());
    String solution = visibleText(Files.readString(SOLUTION).replace("{{headerValue}}", value));
    assertThat(editor(page)).isVisible();
    assertThat(page.locator("#lint-status")).hasText("✔ no findings");

    // A typo: subset v3 does not exist. The editor marks the line it is on.
    String typo = config("", "v3");
    replaceEditorText(page, typo);
    assertThat(lintedLineNumbers(page, "error")).hasText(String.valueOf(lineOf(typo, "subset: v3")));
    assertThat(page.locator("#lint-status")).hasText("1 error, 0 warnings");
    Locator mark = editor(page).locator(".CodeMirror-lint-mark-error");
    assertThat(mark).hasText("v3");

    // Fix it by hand: select the marked word and type over it.
    mark.dblclick();
    page.keyboard().type("v1");
    assertThat(page.locator("#lint-status")).hasText("✔ no findings");
    assertThat(lintedLineNumbers(page, "error")).hasCount(0);
    assertThat(page.locator("#editor")).hasValue(config("", "v1"));

    // Run with the button: everyone reaches v1, the canary does not → partial credit, explained.
    Response run = page.waitForResponse(r -> r.url().endsWith(EXERCISE + "/run"), () -> page.locator("#run-btn").click());
    Assertions.assertThat(run.status()).isEqualTo(200);
    Locator result = page.locator("#result-panel");
    assertThat(result.locator(".verdict")).hasText("✘ Not yet");
    assertThat(result.locator(".score")).hasText("5/10 points");
    assertThat(result.locator(".check.fail .why")).containsText("did not reach v2");
    assertThat(result.locator(".check.pass")).containsText("Everyone else reaches v1");
    assertThat(page.locator("#tasks li.done")).hasText(java.util.regex.Pattern.compile("Everyone else to v1"));

    // Hints: the first is open after the failure; the learner asks for the next one.
    assertThat(result.locator(".hint .hint-n")).hasText("Hint 1 of 2");
    result.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show next hint")).click();
    assertThat(result.locator(".hint .hint-n")).hasText(new String[] {"Hint 1 of 2", "Hint 2 of 2"});
    assertThat(result.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Show next hint"))).hasCount(0);

    // No solution yet: not on the page, not in anything the server sent.
    assertThat(page.locator("details.solution")).hasCount(0);
    Assertions.assertThat(bodies).hasSizeGreaterThan(3).noneMatch(b -> b.contains(solution));

    // Add the header rule and run with Ctrl+Enter from inside the editor.
    String right = config(headerRule(value), "v1");
    replaceEditorText(page, right);
    assertThat(page.locator("#lint-status")).hasText("✔ no findings");
    page.waitForResponse(r -> r.url().endsWith(EXERCISE + "/run"), () -> page.keyboard().press("Control+Enter"));
    assertThat(result.locator(".verdict")).hasText("✔ Passed");
    assertThat(result.locator(".score")).hasText("10/10 points");
    assertThat(page.locator("#tasks li.done")).hasCount(2);
    assertThat(page.locator("#attempts .attempt-list li")).hasCount(2);
    Locator shown = result.locator("details.solution");
    shown.locator("summary").click();
    assertThat(shown.locator("pre")).isVisible();
    Assertions.assertThat(visibleText(shown.locator("pre").textContent())).isEqualTo(solution);
    Assertions.assertThat(bodies).anyMatch(b -> b.contains(solution));

    // Reload: the last submission, both attempts, the pass and the solution are still there.
    page.reload();
    assertThat(page.locator("#editor")).hasValue(right);
    assertThat(editor(page).locator(".CodeMirror-code")).containsText("exact: \"" + value + "\"");
    assertThat(page.locator("#attempts .attempt-list li")).hasCount(2);
    assertThat(page.locator("#result-panel .verdict")).hasText("✔ Passed");
    assertThat(page.locator(".ex-right details.solution")).hasCount(1);

    // Home shows the progress.
    open("/");
    Locator item = page.locator(".ex-list li", new Page.LocatorOptions()
        .setHas(page.locator("a[href='" + EXERCISE + "']")));
    assertThat(item.locator(".passed")).hasText("✔ passed");
    assertThat(item).containsText("best 10/10 · 2 attempts");
    assertThat(page.locator("section.pack", new Page.LocatorOptions().setHasText("Istio Traffic Management"))
        .locator(".progress-pill")).hasText(java.util.regex.Pattern.compile("^1/\\d+ exercises passed$"));
  }

  /** Text as a reader sees it: tags dropped, entities decoded, whitespace collapsed. */
  static String visibleText(String html) {
    return html.replaceAll("<[^>]*>", " ").replace("&#34;", "\"").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
  }

  static int lineOf(String text, String needle) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in the text");
  }
}
