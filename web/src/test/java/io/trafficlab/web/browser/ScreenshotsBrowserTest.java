package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Screenshots of the key pages in light and dark mode, saved under {@code target/screenshots/} for a
 * human to review. Each page is also checked: its background is light or dark as asked, and body
 * text, buttons, chips, verdicts and highlighted YAML keep a contrast of at least 4.5:1 against their
 * background. The dark-mode toggle overrides the system preference both ways and is remembered.
 */
class ScreenshotsBrowserTest extends BrowserTestBase {
  static final Path DIR = Path.of("target/screenshots");
  static final String EXERCISE = "/packs/istio-traffic-management/exercises/header-canary";

  /** Background and text colour of the page, and the contrast ratio between them. */
  static final String COLOURS = """
      () => {
        const rgb = c => (c.match(/[\\d.]+/g) || []).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => {
          const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const ratio = (a, b) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const opaque = c => { const m = c.match(/[\\d.]+/g) || []; return m.length < 4 || Number(m[3]) > 0.5; };
        const backgroundOf = el => {
          for (let e = el; e; e = e.parentElement) {
            const c = getComputedStyle(e).backgroundColor;
            if (opaque(c)) return c;
          }
          return getComputedStyle(document.body).backgroundColor;
        };
        const s = getComputedStyle(document.body);
        const bg = lum(rgb(s.backgroundColor)), fg = lum(rgb(s.color));
        const weak = new Set();
        document.querySelectorAll('button, a.button, .try-it, .status-chip, .verdict, .progress-pill, .prose pre code span').forEach(el => {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || !el.textContent.trim()) return;
          const c = ratio(lum(rgb(getComputedStyle(el).color)), lum(rgb(backgroundOf(el))));
          if (c < 4.5) weak.add('"' + el.textContent.trim().slice(0, 30) + '" ' + c.toFixed(2));
        });
        return {background: bg, contrast: ratio(bg, fg), weak: [...weak].slice(0, 12).join('; ')};
      }""";

  @Test
  void keyPagesInLightAndDarkModeAreSavedAndReadable() throws Exception {
    Files.createDirectories(DIR);
    // A learner with a graded run, an attempt and a graded quiz.
    signUp("ada@example.com", "Ada Lovelace");
    open(EXERCISE);
    page.waitForResponse(r -> r.url().endsWith("/run"), () -> page.locator("#run-btn").click());
    String attempt = page.locator("#result-panel a.permalink").getAttribute("href");
    open("/packs/web-pack/quizzes/01-canary");
    page.locator("#q-relative").getByLabel("90 % v1, 10 % v2").check();
    page.getByLabel("Your answer").fill("weight");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check my answers")).click();
    assertThat(page.locator(".quiz-score")).isVisible();

    Map<String, Runnable> learnerPages = new LinkedHashMap<>();
    learnerPages.put("home", () -> open("/"));
    learnerPages.put("lesson", () -> open("/packs/istio-traffic-management/lessons/header-canary"));
    learnerPages.put("exercise-before-run", () -> {
      // A fresh exercise for this learner: nothing graded yet.
      open("/packs/istio-traffic-management/exercises/canary-split");
      assertThat(page.locator("#lint-status")).hasText("✔ no findings");
    });
    learnerPages.put("exercise-after-run", () -> {
      open(EXERCISE);
      page.waitForResponse(r -> r.url().endsWith("/run"), () -> page.locator("#run-btn").click());
      assertThat(page.locator("#result-panel .score")).hasText("5/10 points");
      assertThat(page.locator("#lint-status")).hasText("✔ no findings");
    });
    learnerPages.put("attempt", () -> open(attempt));
    learnerPages.put("quiz", () -> {
      open("/packs/web-pack/quizzes/01-canary");
      page.locator("#q-relative").getByLabel("90 % v1, 10 % v2").check();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check my answers")).click();
      assertThat(page.locator(".quiz-score")).isVisible();
    });
    List<String> problems = new ArrayList<>();
    for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
      page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
      for (Map.Entry<String, Runnable> e : learnerPages.entrySet()) {
        e.getValue().run();
        shoot(page, e.getKey(), scheme, problems);
      }
    }

    // The instructor's dashboard.
    try (BrowserContext teacher = newContext(new Browser.NewContextOptions())) {
      Page tp = teacher.newPage();
      signUp(tp, BrowserServer.ADMIN_EMAIL, "Grace Hopper");
      for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
        tp.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(scheme));
        tp.navigate(server.url("/instructor"));
        assertThat(tp.locator("table.grid")).isVisible();
        shoot(tp, "dashboard", scheme, problems);
      }
    }
    Assertions.assertThat(problems).isEmpty();
  }

  @Test
  void theToggleOverridesTheSystemPreferenceBothWaysAndIsRemembered() throws Exception {
    Files.createDirectories(DIR);
    List<String> problems = new ArrayList<>();
    page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.LIGHT));
    open(EXERCISE);
    assertThat(editor(page)).hasClass(java.util.regex.Pattern.compile("cm-s-default"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Toggle dark mode")).click();
    assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
    assertThat(editor(page)).hasClass(java.util.regex.Pattern.compile("cm-s-material-darker"));
    shoot(page, "exercise-toggled", ColorScheme.DARK, problems);
    // Remembered on the next page.
    open("/");
    assertThat(page.locator("html")).hasAttribute("data-theme", "dark");
    shoot(page, "home-toggled", ColorScheme.DARK, problems);

    // And the other way: a dark system, toggled to light.
    page.emulateMedia(new Page.EmulateMediaOptions().setColorScheme(ColorScheme.DARK));
    page.evaluate("localStorage.removeItem('theme')");
    open(EXERCISE);
    assertThat(editor(page)).hasClass(java.util.regex.Pattern.compile("cm-s-material-darker"));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Toggle dark mode")).click();
    assertThat(page.locator("html")).hasAttribute("data-theme", "light");
    assertThat(editor(page)).hasClass(java.util.regex.Pattern.compile("cm-s-default"));
    shoot(page, "exercise-toggled", ColorScheme.LIGHT, problems);
    Assertions.assertThat(problems).isEmpty();
  }

  /** Saves a full-page screenshot and notes a background of the wrong kind or low text contrast. */
  static void shoot(Page p, String name, ColorScheme scheme, List<String> problems) {
    String mode = scheme == ColorScheme.DARK ? "dark" : "light";
    p.evaluate("document.fonts.ready");
    p.screenshot(new Page.ScreenshotOptions().setPath(DIR.resolve(name + "-" + mode + ".png")).setFullPage(true));
    @SuppressWarnings("unchecked")
    Map<String, Object> c = (Map<String, Object>) p.evaluate(COLOURS);
    double background = ((Number) c.get("background")).doubleValue();
    double contrast = ((Number) c.get("contrast")).doubleValue();
    boolean rightKind = scheme == ColorScheme.DARK ? background < 0.1 : background > 0.8;
    if (!rightKind || contrast < 4.5) {
      problems.add(name + " (" + mode + "): background luminance " + background + ", text contrast " + contrast);
    }
    if (!c.get("weak").toString().isEmpty()) {
      problems.add(name + " (" + mode + "): controls with text contrast under 4.5: " + c.get("weak"));
    }
  }
}
