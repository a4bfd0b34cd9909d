package io.trafficlab.web.cli;

/** Output formats of commands that print diagnostics. */
enum OutputFormat {
  text,
  json
}
