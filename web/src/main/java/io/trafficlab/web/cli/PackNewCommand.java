package io.trafficlab.web.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trafficlab pack new NAME}: scaffolds a pack with one lesson, one quiz and one working
 * exercise (solution, failing starter, a misconception with its example) that passes
 * {@code pack validate}. Exit 0 created, 1 when the folder exists, 2 for a bad name.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
    description = "Create a new pack with one example lesson, quiz and exercise.")
final class PackNewCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "the pack id and folder name (lower case, digits and -)")
  String name;

  @Option(names = "--dir", defaultValue = ".", description = "where to create the folder (default: current directory)")
  Path parent;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!NAME.matcher(name).matches()) {
      err.println("trafficlab pack new: \"" + name + "\" is not a valid pack id: use lower-case letters, digits "
          + "and -, starting and ending with a letter or digit (e.g. my-istio-course)");
      return 2;
    }
    Path dir = parent.resolve(name);
    if (Files.exists(dir)) {
      err.println("trafficlab pack new: " + dir + " already exists; choose another name or remove it");
      return 1;
    }
    try {
      for (Map.Entry<String, String> f : files(name).entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      err.println("trafficlab pack new: cannot write " + dir + ": " + e.getMessage());
      return 1;
    }
    out.println("created pack " + name + " in " + dir);
    out.println("next: edit the files (content/README.md documents the format), then run");
    out.println("  trafficlab pack validate " + dir);
    return 0;
  }

  static Map<String, String> files(String id) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("pack.yaml", """
        id: %s
        title: My Istio course
        version: 1
        description: >-
          Replace this with what the learners will be able to do after the pack.
        lessons:
          - first-route
        """.formatted(id));
    f.put("lessons/01-first-route.md", """
        ---
        title: Your first route
        minutes: 10
        objectives:
          - Pin a service's traffic to one version with a VirtualService and a DestinationRule
        exercises:
          - pin-v1
        ---

        # Your first route

        A DestinationRule names **subsets** of a service's pods by their labels; a VirtualService routes
        requests to a subset.

        ```yaml
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: web
        spec:
          host: web
          subsets:
          - name: v1
            labels:
              version: v1
        ```

        A subset that no DestinationRule defines cannot be routed to: requests get 503 with flag NC.

        ```yaml wrong IST0101
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: web
        spec:
          hosts:
          - web
          http:
          - route:
            - destination:
                host: web
                subset: v3
        ```
        """);
    f.put("quizzes/01-first-route.yaml", """
        questions:
          - id: subset-defined-where
            type: choice
            prompt: Where is a subset defined?
            options:
              - "In the VirtualService"
              - "In a DestinationRule"
              - "On the Service"
            answer: 1
            explanation: A DestinationRule defines subsets by pod labels; a VirtualService only names them.
          - id: missing-subset-flag
            type: short
            prompt: Which response flag do requests to an undefined subset get?
            answer: [NC]
            explanation: No cluster exists for the subset, so the proxy answers 503 with flag NC.
        """);
    String ex = "exercises/pin-v1/";
    f.put(ex + "exercise.yaml", """
        id: pin-v1
        title: Pin web to v1
        lesson: first-route
        difficulty: 1
        minutes: 5
        tasks:
          - {id: 1, title: "Define subset v1"}
          - {id: 2, title: "Route every request to v1"}
        topology:
          namespace: default
          services:
            - name: web
              port: 8080
              pods:
                - labels: {app: web, version: v1}
                - labels: {app: web, version: v2}
        checks:
          - id: valid
            task: 1
            points: 1
            title: The configuration is valid
            static: valid
            failMessage: "The configuration has errors: {evidence}"
          - id: all-to-v1
            task: 2
            points: 4
            title: Every request reaches v1
            requests:
              - via: mesh
                host: web
                path: /
                repeat: 10
                expect: {subset: v1, podLabels: {version: v1}, status: 200}
            failMessage: "Not every request reached v1: {evidence}"
        hints:
          1:
            - "A DestinationRule for host web with one subset: name v1, labels version: v1."
          2:
            - "Name the subset in the route's destination: subset: v1."
        misconceptions:
          - id: subset-not-defined
            title: Routing to a subset that no DestinationRule defines
            detect:
              failedChecks: [all-to-v1]
              diagnostic: IST0101
            feedback: >-
              A subset exists only once a DestinationRule defines it; until then requests routed to it
              get 503 NC. Add the DestinationRule.
            example: misconceptions/subset-not-defined.yaml
        """);
    f.put(ex + "instructions.md", """
        The `web` service runs a v1 and a v2 pod, and requests are spread over both.

        1. Define a subset `v1` for `web` (pods labelled `version: v1`).
        2. Route every request for `web` to that subset.
        """);
    String vs = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: web
        spec:
          hosts:
          - web
          http:
          - route:
            - destination:
                host: web
        """;
    String dr = """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata:
          name: web
        spec:
          host: web
          subsets:
          - name: v1
            labels:
              version: v1
        """;
    String vsV1 = vs + "        subset: v1\n";
    f.put(ex + "starter.yaml", vs);
    f.put(ex + "solution.yaml", dr + "---\n" + vsV1);
    f.put(ex + "misconceptions/subset-not-defined.yaml", vsV1);
    return f;
  }
}
