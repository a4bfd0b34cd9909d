/**
 * The instructor side of the web app: the learners × exercises dashboard, attempt drill-down and
 * exports, the CSV gradebook, API tokens, and packs (problems, enable/disable, upload). Every route
 * checks the instructor role on the server ({@link InstructorRoutes}); handlers load data and the
 * jte templates under {@code instructor/} only render.
 */
package io.trafficlab.web.instructor;
