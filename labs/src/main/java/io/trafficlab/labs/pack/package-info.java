/**
 * The pack format (content/README.md): pack.yaml, lessons with front matter, exercises with their
 * checks, hints, misconceptions and variants, and quizzes. Loading never throws at an instructor:
 * every mistake is a {@link io.trafficlab.labs.pack.PackProblems.Problem} with file:line:column.
 * Depends on the engine's YAML layer only.
 */
package io.trafficlab.labs.pack;
