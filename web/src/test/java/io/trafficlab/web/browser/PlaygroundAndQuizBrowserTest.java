package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The exercise playground follows one request through the engine; a lesson quiz grades and explains. */
class PlaygroundAndQuizBrowserTest extends BrowserTestBase {
  static final String EXERCISE = "/packs/istio-traffic-management/exercises/header-canary";

  @Test
  void playgroundTracesOneRequestThroughTheEditorsConfiguration() throws Exception {
    open(EXERCISE);
    // Anonymous visitors get the first variant: the header value "true".
    assertThat(page.locator(".instructions code").first()).hasText("canary: true");
    replaceEditorText(page, Files.readString(Path.of(
        "../content/packs/istio-traffic-management/exercises/header-canary/solution.yaml")).replace("{{headerValue}}", "true"));

    page.locator("#playground summary").click();
    Locator form = page.locator("#playground form");
    form.getByLabel("Via").selectOption("gateway:80");
    form.getByLabel("Host").fill("ecommerce.example.com");
    form.getByLabel("Path").fill("/cart");
    form.getByLabel("Headers").fill("canary: true");
    page.waitForResponse(r -> r.url().endsWith("/playground"),
        () -> form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send request")).click());

    Locator out = page.locator("#playground-out");
    assertThat(out.locator("p code").first()).hasText("GET ecommerce.example.com/cart via gateway:80");
    Locator row = out.locator("table.trace tbody tr");
    assertThat(row).hasCount(1);
    assertThat(row.locator(".status")).hasText("200");
    Locator summary = row.locator("summary");
    assertThat(summary).hasText("ecommerce.example.com/cart → v2 → ecommerce-frontend-v2-0");
    summary.click();
    assertThat(row.locator("ol.steps li").first()).hasText("VirtualService shop/ecommerce-frontend http[0]");
    assertThat(row.locator("ul.kv").first()).containsText("canary: true");

    // Without the header the same request takes the catch-all to v1.
    form.getByLabel("Headers").fill("");
    page.waitForResponse(r -> r.url().endsWith("/playground"),
        () -> form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send request")).click());
    assertThat(out.locator("table.trace summary")).hasText("ecommerce.example.com/cart → v1 → ecommerce-frontend-v1-0");
    assertThat(out.locator("ol.steps li").first()).hasText("VirtualService shop/ecommerce-frontend http[1]");
  }

  @Test
  void quizGradesTheAnswersAndExplainsEachOnlyAfterSubmitting() {
    open("/packs/web-pack/lessons/01-canary");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check yourself: take the lesson quiz")).click();
    page.waitForURL(server.url("/packs/web-pack/quizzes/01-canary"));
    assertThat(page.locator("h1")).hasText("Quiz: Canary with weights");
    // Explanations are not on the page before submitting; HTML in a prompt is text.
    assertThat(page.locator(".verdict-line")).hasCount(0);
    assertThat(page.locator("main")).not().containsText("Weights are relative since Istio 1.15.");
    Locator level = page.locator("#q-level");
    assertThat(level.locator("legend")).hasText("Which edits roll back to v1? (<b>all</b> that apply)");
    assertThat(level.locator("legend b")).hasCount(0);

    page.locator("#q-relative").getByLabel("90 % v1, 10 % v2").check();
    level.getByLabel("Remove the v2 destination").check();
    page.getByLabel("Your answer").fill("weight");
    page.waitForResponse(r -> r.url().endsWith("/quizzes/01-canary") && r.request().method().equals("POST"),
        () -> page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check my answers")).click());

    assertThat(page.locator(".quiz-score")).hasText("2/3 right. Each answer is explained below.");
    assertThat(page.locator("#q-relative")).hasClass(java.util.regex.Pattern.compile("\\bright\\b"));
    assertThat(page.locator("#q-relative .verdict-line")).hasText("✔ Right. Weights are relative since Istio 1.15.");
    assertThat(level).hasClass(java.util.regex.Pattern.compile("\\bwrong\\b"));
    assertThat(level.locator(".verdict-line")).hasText("✘ Not quite. Deleting the subset while a route names it gives 503s.");
    assertThat(page.locator("#q-field .verdict-line")).hasText("✔ Right. weight sits on the route entry.");
    assertThat(page.locator("#q-field .verdict-line code")).hasText("weight");
    // The answers given stay filled in for another try.
    assertThat(page.locator("#q-relative").getByLabel("90 % v1, 10 % v2")).isChecked();
    assertThat(level.getByLabel("Remove the v2 destination")).isChecked();
    assertThat(level.getByLabel("Delete the v2 subset")).not().isChecked();
    assertThat(page.getByLabel("Your answer")).hasValue("weight");
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check again"))).isVisible();
  }
}
