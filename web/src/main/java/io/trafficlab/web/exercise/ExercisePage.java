package io.trafficlab.web.exercise;

import io.trafficlab.web.view.Chrome;
import java.time.Instant;
import java.util.List;

/**
 * The exercise page's data (one record per root template).
 *
 * @param editorText the learner's latest submission, else the starter
 * @param solution   the reference solution, only when the learner has passed; null otherwise
 * @param last       the result of the learner's latest attempt, or null
 */
public record ExercisePage(Chrome chrome, String packId, String packTitle, String lessonSlug, String lessonTitle,
    String exerciseId, String title, int difficulty, int minutes, int variant, int variants,
    String instructionsHtml, List<TaskItem> tasks, String topologySvg, String editorText, String starter,
    List<AttemptItem> attempts, String solution, ResultView last, long passedInPack, int exercisesInPack,
    List<String> gatewayPorts) {

  /** A numbered task, ticked when every check of it passed in the latest run. */
  public record TaskItem(int number, String title, boolean passed) {}

  /** A previous attempt in the list under the editor. */
  public record AttemptItem(String id, Instant createdAt, String status, int score, int maxScore, boolean shared) {
    public String when() {
      return createdAt.toString().replace('T', ' ').substring(0, 16) + " UTC";
    }
  }

  public String base() {
    return "/packs/" + packId + "/exercises/" + exerciseId;
  }
}
