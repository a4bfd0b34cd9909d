package io.trafficlab.engine.config.diag;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.Objects;

/**
 * One finding about user input, with its exact place. This is the wire shape of DESIGN §4
 * (CONTRACT): severity, code, message, file, line, column, path, resource, hint, layer.
 *
 * @param path     YAML path inside the resource ({@code spec.http[0].route[1].destination.subset}), or ""
 * @param resource {@code Kind namespace/name}, or "" when the finding is about the file itself
 * @param hint     how to fix it, or ""
 *
 * <p>Invisible and text-reordering characters in the message, path, resource and hint (bidi
 * overrides, zero-width spaces, controls) are shown as {@code \u202E}-style escapes: a finding
 * quotes user text and must not hide or reorder it.
 */
public record Diagnostic(
    Severity severity,
    String code,
    String message,
    String file,
    int line,
    int column,
    String path,
    String resource,
    String hint,
    Layer layer) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    message = Visible.text(Objects.requireNonNull(message, "message"));
    file = file == null ? "" : file;
    path = path == null ? "" : Visible.text(path);
    resource = resource == null ? "" : Visible.text(resource);
    hint = hint == null ? "" : Visible.text(hint);
    Objects.requireNonNull(layer, "layer");
  }

  /** Builds a diagnostic from a catalogue entry; {@code args} fill the entry's message template. */
  public static Diagnostic of(DiagnosticCode code, SourcePos pos, String path, String resource,
      String hint, Object... args) {
    return new Diagnostic(code.severity(), code.code(), code.format(args),
        pos == null ? "" : pos.file(), pos == null ? 0 : pos.line(), pos == null ? 0 : pos.column(),
        path, resource, hint, code.layer());
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** A copy with another severity (e.g. a rule that is only a warning in some context). */
  public Diagnostic withSeverity(Severity s) {
    return new Diagnostic(s, code, message, file, line, column, path, resource, hint, layer);
  }

  /** The one-line text form: {@code error[IST0101] file:14:11 spec.http[0]...: message}. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(severity.wireName()).append('[').append(code).append("] ");
    if (!file.isEmpty()) {
      sb.append(file);
      if (line > 0) {
        sb.append(':').append(line).append(':').append(column);
      }
      sb.append(' ');
    }
    if (!path.isEmpty()) {
      sb.append(path);
    }
    if (sb.charAt(sb.length() - 1) == ' ') {
      sb.setLength(sb.length() - 1);
    }
    sb.append(": ").append(message);
    if (!resource.isEmpty()) {
      sb.append(" (").append(resource).append(')');
    }
    return sb.toString();
  }
}
