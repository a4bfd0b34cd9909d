package io.trafficlab.web.instructor;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.pack.PackInstaller;
import io.trafficlab.web.pack.PackSettings;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Packs: every pack with its problems (file:line), enable/disable, upload a pack as a zip. */
public final class PacksController {
  private static final Logger LOG = LoggerFactory.getLogger(PacksController.class);
  /** The largest zip accepted (the multipart limit of the composition root is a bit above it). */
  static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024;

  /** A pack as listed. */
  public record PackRow(String id, String title, int version, String origin, boolean enabled, int lessons,
      int exercises, List<PackInstaller.Shown> problems) {}

  /**
   * The packs page.
   *
   * @param notice  what the last action did ("Installed pack x"), or ""
   * @param error   why the last upload was refused, or ""
   * @param uploadProblems the refused pack's problems
   */
  public record PacksPage(Chrome chrome, List<PackRow> packs, String notice, String error,
      List<PackInstaller.Shown> uploadProblems, long maxUploadMiB) {}

  private final PackCatalog catalog;
  private final Templates templates;
  private final PackSettings settings;
  private final PackInstaller installer;

  PacksController(PackCatalog catalog, Templates templates, PackSettings settings, PackInstaller installer) {
    this.catalog = catalog;
    this.templates = templates;
    this.settings = settings;
    this.installer = installer;
  }

  void list(Context ctx) {
    String done = InstructorRoutes.param(ctx, "done");
    render(ctx, done.matches("[a-z0-9-]{1,64}") ? notice(ctx.queryParam("what"), done) : "", "", List.of());
  }

  void setEnabled(Context ctx) {
    String id = ctx.pathParam("id");
    if (catalog.find(id).isEmpty()) {
      throw new NotFoundResponse("No such pack");
    }
    boolean enabled = "true".equals(ctx.formParam("enabled"));
    settings.setEnabled(id, enabled);
    ctx.redirect("/instructor/packs?done=" + id + "&what=" + (enabled ? "enabled" : "disabled"), HttpStatus.SEE_OTHER);
  }

  void upload(Context ctx) {
    UploadedFile file = ctx.uploadedFile("pack");
    if (file == null || file.size() == 0) {
      ctx.status(HttpStatus.BAD_REQUEST);
      render(ctx, "", "Choose a .zip file with the pack to upload.", List.of());
      return;
    }
    if (file.size() > MAX_UPLOAD_BYTES) {
      ctx.status(HttpStatus.CONTENT_TOO_LARGE);
      render(ctx, "", "The zip is " + file.size() / 1024 + " KiB; at most " + MAX_UPLOAD_BYTES / (1024 * 1024)
          + " MiB are accepted.", List.of());
      return;
    }
    PackInstaller.Result result;
    try (InputStream in = file.content()) {
      result = installer.install(in);
    } catch (IOException e) {
      LOG.error("pack upload failed", e);
      ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
      render(ctx, "", "The pack could not be stored on the server; the error was logged.", List.of());
      return;
    }
    if (result instanceof PackInstaller.Rejected r) {
      ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
      render(ctx, "", r.message(), r.problems());
      return;
    }
    PackInstaller.Installed ok = (PackInstaller.Installed) result;
    ctx.redirect("/instructor/packs?done=" + ok.entry().pack().id() + "&what=" + (ok.replaced() ? "replaced" : "installed"),
        HttpStatus.SEE_OTHER);
  }

  private static String notice(String what, String id) {
    String w = what == null ? "" : what;
    return switch (w) {
      case "installed" -> "Installed pack " + id + "; learners can use it now.";
      case "replaced" -> "Replaced pack " + id + " with the uploaded version.";
      case "enabled" -> "Enabled pack " + id + ".";
      case "disabled" -> "Disabled pack " + id + "; learners and the API no longer see it.";
      default -> "";
    };
  }

  private void render(Context ctx, String notice, String error, List<PackInstaller.Shown> problems) {
    List<PackRow> rows = catalog.everything().stream().map(e -> new PackRow(e.pack().id(), e.pack().title(),
        e.pack().version(), e.origin(), catalog.enabled(e.pack().id()), e.pack().lessons().size(),
        e.pack().exercises().size(), shown(e))).toList();
    ctx.html(templates.render("instructor/packs.jte", new PacksPage(Chrome.of("Packs", Visitor.of(ctx)), rows,
        notice, error, problems, MAX_UPLOAD_BYTES / (1024 * 1024))));
  }

  private static List<PackInstaller.Shown> shown(PackCatalog.Entry e) {
    String marker = "/" + e.pack().id() + "/";
    return e.problems().list().stream().map(p -> {
      String file = p.pos().file().replace('\\', '/');
      int i = file.lastIndexOf(marker);
      String shortFile = i >= 0 ? file.substring(i + marker.length()) : file;
      return new PackInstaller.Shown(shortFile + ":" + p.pos().line() + ":" + p.pos().column(), p.message(), p.hint());
    }).toList();
  }
}
