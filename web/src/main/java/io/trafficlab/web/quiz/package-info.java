/**
 * Lesson quizzes: the questions of a lesson's quiz as a form, graded on the server by the labs
 * quiz grader. Answers and explanations are only sent after the learner submits.
 */
package io.trafficlab.web.quiz;
