package io.trafficlab.web.attempt;

import java.time.Instant;

/**
 * A saved grading of a submission. {@code id} is short, random and stable: it is the permalink.
 *
 * @param userId     the account that made it, or null for API attempts saved under a learner ref
 * @param learnerRef the learner id an LMS/CI gave through the API, or null
 * @param shared     the owner made it readable by anyone with the link
 */
public record Attempt(String id, Long userId, String learnerRef, String packId, String exerciseId,
    int variant, String submission, String status, int score, int maxScore, String reportJson,
    boolean shared, Instant createdAt) {}
