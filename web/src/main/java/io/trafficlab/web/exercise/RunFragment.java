package io.trafficlab.web.exercise;

import java.util.List;

/**
 * What a Run answers to htmx: the result panel plus out-of-band updates of the task ticks, the
 * topology diagram and the attempt list.
 *
 * @param interactive false on permalink pages (no hint buttons)
 */
public record RunFragment(ResultView result, List<ExercisePage.TaskItem> tasks, String topologySvg,
    List<ExercisePage.AttemptItem> attempts, String base, boolean interactive, boolean outOfBand) {}
