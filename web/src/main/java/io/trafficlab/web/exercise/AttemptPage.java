package io.trafficlab.web.exercise;

import io.trafficlab.web.attempt.Attempt;
import io.trafficlab.web.view.Chrome;

/**
 * A permalink page: the submission and its result.
 *
 * @param owner the viewer made this attempt (may toggle sharing)
 */
public record AttemptPage(Chrome chrome, Attempt attempt, String exerciseTitle, RunFragment result, boolean owner) {
  public String exerciseUrl() {
    return "/packs/" + attempt.packId() + "/exercises/" + attempt.exerciseId();
  }

  public String when() {
    return attempt.createdAt().toString().replace('T', ' ').substring(0, 16) + " UTC";
  }
}
