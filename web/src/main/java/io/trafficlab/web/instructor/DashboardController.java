package io.trafficlab.web.instructor;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.trafficlab.labs.grade.GradeReport;
import io.trafficlab.web.account.User;
import io.trafficlab.web.account.UserRepository;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.api.ReportFormat;
import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.attempt.AttemptRepository;
import io.trafficlab.web.attempt.StoredReport;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The dashboard grid, the CSV gradebook, and any attempt with its report, submission and exports. */
public final class DashboardController {

  /** A pack in the filter. */
  public record PackOption(String id, String title, boolean selected) {}

  /** The dashboard's data. */
  public record DashboardPage(Chrome chrome, Gradebook book, List<PackOption> packs, String learnerFilter,
      String csvHref, long attemptCount) {}

  /** A diagnostic line of a saved report. */
  public record DiagnosticLine(String severity, String code, int line, int column, String path, String message,
      String hint) {}

  /** The attempt drill-down's data. */
  public record AttemptPage(Chrome chrome, Attempt attempt, String learner, String exerciseTitle,
      GradeReport report, List<DiagnosticLine> diagnostics, List<String> submissionLines) {}

  private final PackCatalog packs;
  private final Templates templates;
  private final AttemptRepository attempts;
  private final UserRepository users;

  DashboardController(PackCatalog packs, Templates templates, AttemptRepository attempts, UserRepository users) {
    this.packs = packs;
    this.templates = templates;
    this.attempts = attempts;
    this.users = users;
  }

  void dashboard(Context ctx) {
    String pack = InstructorRoutes.param(ctx, "pack");
    String learner = InstructorRoutes.param(ctx, "learner");
    Gradebook book = book(pack, learner);
    List<PackOption> options = packs.everything().stream()
        .map(e -> new PackOption(e.pack().id(), e.pack().title(), e.pack().id().equals(pack))).toList();
    String csv = "/instructor/gradebook.csv" + query(pack, learner);
    ctx.html(templates.render("instructor/dashboard.jte", new DashboardPage(
        Chrome.of("Instructor dashboard", Visitor.of(ctx)), book, options, learner, csv, attempts.count())));
  }

  void gradebookCsv(Context ctx) {
    String pack = InstructorRoutes.param(ctx, "pack");
    String learner = InstructorRoutes.param(ctx, "learner");
    String csv = GradebookCsv.write(book(pack, learner), attempts.bestReports());
    String name = "trafficlab-gradebook" + (pack.matches("[a-z0-9-]{1,64}") ? "-" + pack : "") + ".csv";
    ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    ctx.contentType("text/csv; charset=utf-8").result(csv);
  }

  void attempt(Context ctx) {
    Attempt a = find(ctx);
    JsonNode tree = StoredReport.tree(a.reportJson());
    List<DiagnosticLine> diags = new ArrayList<>();
    for (JsonNode d : tree.path("diagnostics")) {
      diags.add(new DiagnosticLine(d.path("severity").asText(), d.path("code").asText(), d.path("line").asInt(),
          d.path("column").asInt(), d.path("path").asText(), d.path("message").asText(), d.path("hint").asText()));
    }
    String title = packs.find(a.packId()).flatMap(e -> e.pack().exercise(a.exerciseId()))
        .map(Gradebook::title).orElse(a.exerciseId());
    ctx.html(templates.render("instructor/attempt.jte", new AttemptPage(
        Chrome.of("Attempt " + a.id(), Visitor.of(ctx)), a, learnerLabel(a), title, StoredReport.read(a.reportJson()),
        diags, List.of(a.submission().split("\n", -1)))));
  }

  void export(Context ctx) {
    Attempt a = find(ctx);
    ReportFormat format = ReportFormat.parse(ctx.queryParam("format"))
        .orElseThrow(() -> new BadRequestResponse("format must be json, exercism or gradescope"));
    String body = format == ReportFormat.JSON ? StoredReport.tree(a.reportJson()).toPrettyString()
        : format.render(StoredReport.read(a.reportJson())).toPrettyString();
    ctx.header("Content-Disposition", "attachment; filename=\"attempt-" + a.id() + "-" + format.wireName() + ".json\"");
    ctx.contentType("application/json").result(body);
  }

  private Attempt find(Context ctx) {
    return attempts.find(ctx.pathParam("id")).orElseThrow(() -> new NotFoundResponse("No such attempt"));
  }

  private String learnerLabel(Attempt a) {
    if (a.userId() != null) {
      return users.findById(a.userId()).map(u -> u.displayName() + " <" + u.email() + ">").orElse("(deleted account)");
    }
    return a.learnerRef() == null ? "(anonymous)" : a.learnerRef() + " (via API)";
  }

  private Gradebook book(String pack, String learner) {
    List<User> all = users.learners();
    return Gradebook.build(packs.everything(), all, attempts.bestAttempts(), pack, learner);
  }

  private static String query(String pack, String learner) {
    List<String> q = new ArrayList<>();
    if (!pack.isEmpty()) {
      q.add("pack=" + URLEncoder.encode(pack, StandardCharsets.UTF_8));
    }
    if (!learner.isEmpty()) {
      q.add("learner=" + URLEncoder.encode(learner, StandardCharsets.UTF_8));
    }
    return q.isEmpty() ? "" : "?" + String.join("&", q);
  }
}
