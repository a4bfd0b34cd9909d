package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The exercise page works from the keyboard alone: Tab reaches the editor, Esc leaves it, Enter on
 * Run grades, the result tabs follow the arrow keys and the hint button opens the next hint. Every
 * stop shows where the focus is (a visible outline under :focus-visible).
 */
class KeyboardBrowserTest extends BrowserTestBase {
  static final String EXERCISE = "/packs/istio-traffic-management/exercises/header-canary";

  /** What has the focus: a short description, whether it matches :focus-visible, and its outline. */
  static final String FOCUS = """
      () => {
        let el = document.activeElement;
        const cm = el && el.closest('.CodeMirror');
        const shown = cm || el;
        const s = getComputedStyle(shown);
        return {
          what: el === document.body ? 'body' : el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
              + (cm ? ' in CodeMirror' : '') + ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60) + '"',
          visible: String(cm ? cm.classList.contains('CodeMirror-focused') : el.matches(':focus-visible')),
          outline: s.outlineStyle + ' ' + s.outlineWidth
        };
      }""";

  @Test
  void tabReachesTheEditorRunAndHintsAndEveryStopShowsItsFocus() {
    open(EXERCISE);
    assertThat(editor(page)).isVisible();
    List<String> stops = new ArrayList<>();

    page.keyboard().press("Tab");
    Map<String, String> first = focus();
    Assertions.assertThat(first.get("what")).isEqualTo("a \"Skip to content\"");
    Assertions.assertThat(page.locator("a.skip").boundingBox().x).as("the skip link comes into view").isGreaterThanOrEqualTo(0);

    Map<String, String> atEditor = tabUntil(f -> f.get("what").contains("in CodeMirror"), stops);
    Assertions.assertThat(atEditor.get("what")).contains("Ctrl+Enter runs it");

    // Tab inside the editor indents (here: trailing spaces at the end); Esc lets the keyboard user move on to Run.
    String before = page.locator("#editor").inputValue();
    page.keyboard().press("ControlOrMeta+End");
    page.keyboard().press("Tab");
    Assertions.assertThat(focus().get("what")).contains("in CodeMirror");
    assertThat(page.locator("#editor")).not().hasValue(before);
    page.keyboard().press("Escape");
    page.keyboard().press("Tab");
    Map<String, String> run = focus();
    stops.add(run.toString());
    Assertions.assertThat(run.get("what")).startsWith("button#run-btn");
    assertFocusShown(run);

    // Enter on Run grades the (indented, still valid) starter: partial credit, with a hint.
    page.waitForResponse(r -> r.url().endsWith("/run"), () -> page.keyboard().press("Enter"));
    assertThat(page.locator("#result-panel .score")).hasText("5/10 points");

    // On to the result: the selected tab, then arrow keys move between tabs.
    Map<String, String> tab = tabUntil(f -> f.get("what").startsWith("button#tab-checks"), stops);
    assertFocusShown(tab);
    page.keyboard().press("ArrowRight");
    Assertions.assertThat(focus().get("what")).startsWith("button#tab-traffic");
    assertThat(page.locator("#panel-traffic")).isVisible();
    assertThat(page.locator("#panel-checks")).isHidden();
    page.keyboard().press("ArrowLeft");
    Assertions.assertThat(focus().get("what")).startsWith("button#tab-checks");
    assertThat(page.locator("#panel-checks")).isVisible();

    // The hint button, then Enter opens the next hint.
    Map<String, String> hint = tabUntil(f -> f.get("what").contains("Show next hint"), stops);
    assertFocusShown(hint);
    page.waitForResponse(r -> r.url().contains("/hints/"), () -> page.keyboard().press("Enter"));
    assertThat(page.locator("#result-panel .hint .hint-n")).hasText(new String[] {"Hint 1 of 2", "Hint 2 of 2"});
    // The focus moves to the hint just opened (not back to the top of the page).
    Map<String, String> opened = focus();
    Assertions.assertThat(opened.get("what")).startsWith("p \"Hint 2 of 2");
    assertFocusShown(opened);

    // Every stop on the way showed its focus.
    Assertions.assertThat(stops).isNotEmpty().allSatisfy(s -> Assertions.assertThat(s).contains("visible=true")
        .doesNotContain("outline=none"));
  }

  Map<String, String> focus() {
    @SuppressWarnings("unchecked")
    Map<String, String> f = (Map<String, String>) page.evaluate(FOCUS);
    return f;
  }

  /** Presses Tab until the focus matches (at most 60 times), recording and checking every stop. */
  Map<String, String> tabUntil(Predicate<Map<String, String>> target, List<String> stops) {
    for (int i = 0; i < 60; i++) {
      page.keyboard().press("Tab");
      Map<String, String> f = focus();
      stops.add(f.toString());
      Assertions.assertThat(f.get("what")).as("focus after Tab; stops so far: %s", stops).isNotEqualTo("body");
      if (target.test(f)) {
        return f;
      }
    }
    throw new AssertionError("Tab never reached the target; stops: " + stops);
  }

  static void assertFocusShown(Map<String, String> f) {
    Assertions.assertThat(f.get("visible")).as("%s matches :focus-visible", f).isEqualTo("true");
    Assertions.assertThat(f.get("outline")).as("%s outline", f).doesNotStartWith("none").doesNotEndWith(" 0px");
  }

}
