package io.trafficlab.web.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One headless Chromium for the whole test run, shared by every browser test class (creating a
 * Playwright instance unpacks ~134 MB, so it happens once; JUnit closes it after the last class).
 *
 * <p>Which browser: the executable named by {@code TRAFFICLAB_CHROMIUM}, else Debian's
 * {@code /usr/bin/chromium}, else Playwright's own download ({@code TRAFFICLAB_CHROMIUM=none} goes
 * straight to the download, to try the skip path on a machine that has a browser). When none is there and the download is
 * impossible (offline), every browser test is <em>skipped</em> with a message that says how to get
 * one; they never pass without having run. A browser that exists but does not start is an error.
 */
final class Chromium implements BeforeAllCallback {
  static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run");
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Chromium.class);

  /** The browser of this run (set before any browser test class starts). */
  private static volatile Shared shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    Shared s = context.getRoot().getStore(NS).getOrComputeIfAbsent(Shared.class, k -> Shared.launch(), Shared.class);
    Assumptions.assumeTrue(s.browser != null, s.unavailable);
    shared = s;
  }

  static Browser browser() {
    return shared.browser;
  }

  /** The Playwright instance and its browser; closed by JUnit at the end of the run. */
  static final class Shared implements AutoCloseable {
    final Playwright playwright;
    final Browser browser;
    final String unavailable;

    private Shared(Playwright playwright, Browser browser, String unavailable) {
      this.playwright = playwright;
      this.browser = browser;
      this.unavailable = unavailable;
    }

    static Shared launch() {
      Path exe = executable();
      BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(ARGS);
      if (exe != null) {
        // A browser is installed: never download one.
        Playwright pw = Playwright.create(new Playwright.CreateOptions()
            .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new Shared(pw, pw.chromium().launch(options.setExecutablePath(exe)), null);
      }
      // No installed browser: Playwright's own download is the normal path where there is internet.
      Playwright pw = null;
      try {
        pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "0")));
        return new Shared(pw, pw.chromium().launch(options), null);
      } catch (RuntimeException e) {
        if (pw != null) {
          pw.close();
        }
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        String why = "Browser tests skipped: no Chromium at /usr/bin/chromium (or $TRAFFICLAB_CHROMIUM) "
            + "and Playwright could not download one (" + firstLine(e.getMessage())
            + (root != e ? ": " + firstLine(root.getMessage()) : "") + "). Install one with: apt-get install -y chromium";
        System.err.println("[browser tests] " + why);
        return new Shared(null, null, why);
      }
    }

    /** $TRAFFICLAB_CHROMIUM, else Debian's chromium, else null; {@code TRAFFICLAB_CHROMIUM=none} forces null. */
    private static Path executable() {
      String env = System.getenv("TRAFFICLAB_CHROMIUM");
      if ("none".equals(env)) {
        return null;
      }
      if (env != null && !env.isBlank()) {
        return Path.of(env);
      }
      Path debian = Path.of("/usr/bin/chromium");
      return Files.isExecutable(debian) ? debian : null;
    }

    private static String firstLine(String s) {
      if (s == null) {
        return "no message";
      }
      String line = s.strip().lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public void close() {
      if (browser != null) {
        browser.close();
      }
      if (playwright != null) {
        playwright.close();
      }
    }
  }
}
