package io.trafficlab.web.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The instructor named at start-up ({@code serve --admin}) signs up, finds a learner's attempt in the
 * dashboard grid and downloads the CSV gradebook with the learner's row.
 */
class InstructorBrowserTest extends BrowserTestBase {
  static final String EXERCISE = "/packs/istio-traffic-management/exercises/header-canary";

  @Test
  void instructorSeesTheLearnerInTheGridAndDownloadsTheGradebook() throws Exception {
    // A learner runs the starter once (5 of 10 points) in a browser of their own.
    try (BrowserContext learner = newContext(new Browser.NewContextOptions())) {
      Page lp = learner.newPage();
      signUp(lp, "alan@example.com", "Alan Turing");
      lp.navigate(server.url(EXERCISE));
      lp.waitForResponse(r -> r.url().endsWith("/run"), () -> lp.locator("#run-btn").click());
      assertThat(lp.locator("#result-panel .score")).hasText("5/10 points");
    }

    signUp(BrowserServer.ADMIN_EMAIL, "Grace Hopper");
    page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Site"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Dashboard")).click();
    page.waitForURL(server.url("/instructor"));
    assertThat(page.locator("h1")).hasText("Learners and their best scores");

    Locator row = page.locator("table.grid tbody tr", new Page.LocatorOptions().setHasText("Alan Turing"));
    assertThat(row).hasCount(1);
    assertThat(row.locator(".detail")).containsText("alan@example.com");
    int column = columnOf(page, "A wristband for the canary");
    // The row starts with its learner's th; the exercise columns are its tds.
    Locator cell = row.locator("td").nth(column - 2);
    assertThat(cell.locator(".score")).hasText("5/10");
    assertThat(cell.locator(".tries")).hasText("1×");
    Assertions.assertThat(cell.getAttribute("class")).isEqualTo("cell some");

    // The CSV gradebook: its header and the learner's row.
    Download download = page.waitForDownload(() -> page.getByRole(AriaRole.LINK,
        new Page.GetByRoleOptions().setName("Download CSV gradebook")).click());
    Assertions.assertThat(download.suggestedFilename()).isEqualTo("trafficlab-gradebook.csv");
    List<String> lines = Files.readAllLines(download.path());
    Assertions.assertThat(lines.get(0))
        .isEqualTo("learner,exercise,status,score,max_score,percent,check:header-to-v2,check:others-to-v1");
    Assertions.assertThat(lines).contains("alan@example.com,istio-traffic-management/header-canary,fail,5,10,50.0,0,5");
    Assertions.assertThat(lines).noneMatch(l -> l.startsWith(BrowserServer.ADMIN_EMAIL));

    // A cell opens the learner's attempt.
    cell.locator("a").click();
    page.waitForURL(java.util.regex.Pattern.compile(".*/instructor/attempts/[^/]+$"));
    assertThat(page.locator("main")).containsText("Alan Turing");
  }

  /** The 1-based column of the grid whose header has this exercise title. */
  static int columnOf(Page p, String title) {
    List<String> headers = p.locator("table.grid thead th").allTextContents();
    for (int i = 0; i < headers.size(); i++) {
      if (headers.get(i).strip().equals(title)) {
        return i + 1;
      }
    }
    throw new AssertionError("no column " + title + " in " + headers);
  }
}
