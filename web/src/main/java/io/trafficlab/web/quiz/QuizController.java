package io.trafficlab.web.quiz;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.trafficlab.labs.pack.Lesson;
import io.trafficlab.labs.pack.Pack;
import io.trafficlab.labs.pack.Quiz;
import io.trafficlab.labs.quiz.QuizGrader;
import io.trafficlab.web.account.Visitor;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Chrome;
import io.trafficlab.web.view.Templates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /packs/{pack}/quizzes/{lesson}}: GET shows the questions, POST grades them. */
public final class QuizController {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final int MAX_ANSWER = 500;

  private final PackCatalog packs;
  private final Templates templates;

  public QuizController(PackCatalog packs, Templates templates) {
    this.packs = packs;
    this.templates = templates;
  }

  public void show(Context ctx) {
    render(ctx, null);
  }

  public void grade(Context ctx) {
    Map<String, String> answers = new HashMap<>();
    ctx.formParamMap().forEach((k, v) -> {
      if (k.startsWith("q.") && !v.isEmpty()) {
        String joined = String.join(",", v);
        answers.put(k.substring(2), joined.length() > MAX_ANSWER ? joined.substring(0, MAX_ANSWER) : joined);
      }
    });
    render(ctx, answers);
  }

  private void render(Context ctx, Map<String, String> answers) {
    Pack pack = packs.get(ctx.pathParam("pack")).orElseThrow(() -> new NotFoundResponse("No such pack")).pack();
    String slug = ctx.pathParam("lesson");
    Quiz quiz = pack.quiz(slug).orElseThrow(() -> new NotFoundResponse("This lesson has no quiz"));
    String lessonTitle = pack.lesson(slug).map(Lesson::title).orElse(slug);
    QuizGrader.Result result = answers == null ? null : QuizGrader.grade(quiz, answers);
    List<QuizPage.QuestionView> views = new ArrayList<>();
    for (int i = 0; i < quiz.questions().size(); i++) {
      Quiz.Question q = quiz.questions().get(i);
      String given = answers == null ? "" : answers.getOrDefault(q.id(), "");
      Set<String> chosen = new HashSet<>(List.of(given.split(",")));
      List<QuizPage.Option> options = new ArrayList<>();
      for (int k = 0; k < q.options().size(); k++) {
        options.add(new QuizPage.Option(k, inline(q.options().get(k)), chosen.contains(String.valueOf(k))));
      }
      QuizGrader.QuestionResult r = result == null ? null : result.questions().get(i);
      views.add(new QuizPage.QuestionView(q.id(), q.type().wireName(), inline(q.prompt()), options, given,
          r == null ? null : r.correct(), r == null ? "" : inline(q.explanation())));
    }
    ctx.html(templates.render("quiz/quiz.jte", new QuizPage(Chrome.of("Quiz: " + lessonTitle, Visitor.of(ctx)),
        pack.id(), pack.title(), slug, lessonTitle, views, result == null ? null : result.score(),
        quiz.questions().size())));
  }

  /** Escaped text with Markdown code spans as {@code <code>}. */
  static String inline(String text) {
    String escaped = text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;").replace("'", "&#39;");
    Matcher m = CODE.matcher(escaped);
    return m.replaceAll(r -> "<code>" + Matcher.quoteReplacement(r.group(1)) + "</code>");
  }
}
