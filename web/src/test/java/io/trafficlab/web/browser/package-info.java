/**
 * Browser tests (Playwright for Java, headless Chromium) of the real web app with the real traffic
 * engine: the learner's path through a lesson and an exercise, the playground and quizzes, the
 * instructor dashboard, security seen from a browser, keyboard use, and screenshots of the key pages
 * in light and dark mode under {@code web/target/screenshots/}. Without a browser they are skipped,
 * with a message saying so ({@link io.trafficlab.web.browser.Chromium}).
 */
package io.trafficlab.web.browser;
