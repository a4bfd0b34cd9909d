/**
 * Grading a submission against an exercise: the pure {@link io.trafficlab.labs.grade.Grader}
 * behind the {@link io.trafficlab.labs.grade.TrafficLab} seam, the report and its JSON form.
 */
package io.trafficlab.labs.grade;
