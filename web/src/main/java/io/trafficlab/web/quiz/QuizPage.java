package io.trafficlab.web.quiz;

import io.trafficlab.web.view.Chrome;
import java.util.List;

/**
 * A quiz page, before (no result) or after grading.
 *
 * @param score null before the learner submitted
 */
public record QuizPage(Chrome chrome, String packId, String packTitle, String lessonSlug, String lessonTitle,
    List<QuestionView> questions, Integer score, int maxScore) {

  /**
   * One question. {@code promptHtml} and option HTML are escaped text with {@code `code`} spans.
   *
   * @param correct     null before grading
   * @param explanation empty before grading
   */
  public record QuestionView(String id, String type, String promptHtml, List<Option> options, String given,
      Boolean correct, String explanation) {}

  /** An option, checked when the learner chose it. */
  public record Option(int index, String html, boolean checked) {}

  public boolean graded() {
    return score != null;
  }
}
