package io.trafficlab.web.exercise;

import java.util.List;

/**
 * What the playground shows after sending one request.
 *
 * @param problem     why nothing was sent, or why the request could not be judged ("" when it ran)
 * @param badInput    the form itself was wrong
 * @param diagnostics the configuration's errors when it was rejected
 * @param trace       the request's trace, null when none was observed
 * @param request     the request in words ({@code GET shop/ via mesh})
 */
public record PlaygroundResult(String problem, boolean badInput, List<ResultView.DiagnosticRow> diagnostics,
    ResultView.TraceRow trace, String request) {}
