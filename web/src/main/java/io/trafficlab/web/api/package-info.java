/**
 * The JSON API under {@code /api/v1} for LMS and CI use: validate, grade, read saved attempts.
 * Callers authenticate with bearer tokens that instructors create ({@link ApiTokens}); every error
 * is a JSON object {@code {"status", "code", "message"}}, never a stack trace. May import labs,
 * engine config, and the web's account, attempt, grade and pack packages.
 */
package io.trafficlab.web.api;
