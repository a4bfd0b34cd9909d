/**
 * The exercise page learners live in (DESIGN §7): instructions with ticked tasks, a server-rendered
 * topology diagram, the editor's validate endpoint, Run (grade → result panel), progressive hints,
 * the one-request playground and the reference solution after a pass. Handlers load data; jte
 * templates under {@code jte/exercise/} only render. May import labs and engine types; never the
 * data plane directly (traffic goes through {@link io.trafficlab.labs.grade.TrafficLab}).
 */
package io.trafficlab.web.exercise;
