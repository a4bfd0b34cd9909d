package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real server per test class and a fresh browser context (no cookies, no storage) per test. Every
 * test fails when a page raised an uncaught script error or opened a dialog it did not expect, so an
 * injected {@code alert(1)} cannot go unnoticed anywhere.
 */
@ExtendWith(Chromium.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// A browser test that hangs (a browser or server stuck on a busy machine) fails on its own after
// two minutes instead of holding the whole build.
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class BrowserTestBase {
  /** Upper bound of any single wait; grading with real traffic takes about a second. */
  static final double TIMEOUT_MS = 20_000;

  BrowserServer server;
  BrowserContext context;
  Page page;
  /** Dialogs (alert, confirm, prompt) any page of this test opened. */
  final List<String> dialogs = new CopyOnWriteArrayList<>();
  /** Uncaught script errors of any page of this test. */
  final List<String> pageErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startServer() throws Exception {
    PlaywrightAssertions.setDefaultAssertionTimeout(TIMEOUT_MS);
    server = BrowserServer.start();
  }

  @AfterAll
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void openBrowser() {
    dialogs.clear();
    pageErrors.clear();
    context = newContext(new Browser.NewContextOptions());
    page = context.newPage();
  }

  @AfterEach
  void closeBrowser() {
    if (context != null) {
      context.close();
    }
    Assertions.assertThat(pageErrors).as("uncaught script errors").isEmpty();
    Assertions.assertThat(dialogs).as("dialogs opened by pages").isEmpty();
  }

  /** A context that watches its pages for dialogs and script errors (dialogs are dismissed). */
  BrowserContext newContext(Browser.NewContextOptions options) {
    BrowserContext c = Chromium.browser().newContext(options.setViewportSize(1280, 900));
    c.setDefaultTimeout(TIMEOUT_MS);
    c.setDefaultNavigationTimeout(TIMEOUT_MS);
    c.onPage(this::watch);
    return c;
  }

  void watch(Page p) {
    p.onDialog(d -> {
      dialogs.add(d.type() + ": " + d.message());
      d.dismiss();
    });
    p.onPageError(e -> pageErrors.add(e));
  }

  Response open(String path) {
    return page.navigate(server.url(path));
  }

  /** Signs up through the form and lands on the home page signed in. */
  void signUp(Page p, String email, String name) {
    p.navigate(server.url("/signup"));
    p.getByLabel("E-mail").fill(email);
    p.getByLabel("Display name").fill(name);
    p.getByLabel(Pattern.compile("^Password")).fill(BrowserServer.PASSWORD);
    p.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
    p.waitForURL(server.url("/"));
    assertThat(p.locator("header .who")).hasText(name);
  }

  void signUp(String email, String name) {
    signUp(page, email, name);
  }

  // ---- the CodeMirror editor of the exercise page ----

  static Locator editor(Page p) {
    return p.locator(".editor-form .CodeMirror");
  }

  /** Replaces the editor's text the way a paste does (input events, no auto-indent). */
  static void replaceEditorText(Page p, String text) {
    editor(p).locator(".CodeMirror-lines").click();
    p.keyboard().press("ControlOrMeta+A");
    p.keyboard().insertText(text);
    assertThat(p.locator("#editor")).hasValue(text);
  }

  /** The editor's 1-based line numbers that carry a lint marker of this severity. */
  static Locator lintedLineNumbers(Page p, String severity) {
    return editor(p).locator(".CodeMirror-code > div:has(.CodeMirror-lint-marker-" + severity + ") .CodeMirror-linenumber");
  }
}
