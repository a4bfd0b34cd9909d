package io.trafficlab.engine.cases;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.analysis.TopologyFromConfig;
import io.trafficlab.engine.config.diag.Diagnostic;
import io.trafficlab.engine.config.yaml.SourcePos;
import io.trafficlab.engine.config.yaml.YamlLoader;
import io.trafficlab.engine.core.topology.Topology;
import io.trafficlab.engine.run.EngineSession;
import io.trafficlab.engine.run.RunOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs case files end to end: case loader → config front end (traffic runs when a cluster would
 * accept the config: no schema or webhook error) → route compiler → pods, listeners and proxy →
 * requests in file order (each {@code repeat}/{@code concurrent} copy observed), then the
 * distribution → judge. Everything started for a case is closed before {@link #run} returns.
 */
public final class CaseRunner {
  private final RunOptions options;
  private final YamlLoader loader = new YamlLoader();
  private final ConfigFrontEnd frontEnd = new ConfigFrontEnd();
  private final CaseLoader caseLoader = new CaseLoader(loader);

  public CaseRunner(RunOptions options) {
    this.options = options;
  }

  /**
   * The result of one case.
   *
   * @param caseFile     empty when the file could not be read as a case
   * @param diagnostics  the case file's own and the config's, sorted
   * @param ran          whether traffic ran (false: config rejected, or nothing to send)
   * @param requests     per {@code requests[i]}, one observation per copy
   * @param distribution the distribution's observations (empty without a distribution)
   * @param verdicts     every expectation judged ({@code validation}, {@code analyzer} included)
   */
  public record CaseRun(String file, Optional<CaseFile> caseFile, List<Diagnostic> diagnostics,
      boolean admissible, boolean ran, List<List<Observation>> requests,
      List<Observation> distribution, List<Verdict> verdicts) {
    public CaseRun {
      diagnostics = List.copyOf(diagnostics);
      requests = List.copyOf(requests);
      distribution = List.copyOf(distribution);
      verdicts = List.copyOf(verdicts);
    }

    public boolean passed() {
      return !verdicts.isEmpty() && CaseJudge.allPassed(verdicts);
    }

    /** Distribution counts by {@code by} ({@code subset}, {@code service}, {@code status}, a label). */
    public Map<String, Long> distributionCounts(String by) {
      return CaseJudge.countBy(by, distribution);
    }
  }

  /** Reads and runs a case file. */
  public CaseRun run(String file, byte[] bytes) {
    CaseLoadResult loaded = caseLoader.load(file, bytes);
    if (!loaded.ok()) {
      long errors = loaded.diagnostics().stream().filter(Diagnostic::isError).count();
      return new CaseRun(file, loaded.caseFile(), loaded.diagnostics(), false, false, List.of(),
          List.of(), List.of(new Verdict("case", "file", false, "the case file has " + errors
              + " error" + (errors == 1 ? "" : "s") + "; fix them first", SourcePos.start(file))));
    }
    CaseRun run = run(loaded.caseFile().get());
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    all.addAll(run.diagnostics());
    return new CaseRun(file, run.caseFile(), all.stream().sorted(FrontEndResult.ORDER).toList(),
        run.admissible(), run.ran(), run.requests(), run.distribution(), run.verdicts());
  }

  /** Runs a case that was read without errors. */
  public CaseRun run(CaseFile c) {
    FrontEndResult fr = validate(c);
    List<Verdict> verdicts = new ArrayList<>();
    c.validation().ifPresent(v -> verdicts.addAll(ValidationJudge.judge(v, fr.diagnostics())));
    verdicts.addAll(ValidationJudge.judgeAnalyzer(c.analyzer(), fr.diagnostics()));
    boolean hasTraffic = !c.requests().isEmpty() || c.distribution().isPresent();
    if (!hasTraffic) {
      return new CaseRun(c.file(), Optional.of(c), fr.diagnostics(), fr.admissible(), false,
          List.of(), List.of(), verdicts);
    }
    if (!fr.admissible()) {
      Diagnostic first = fr.errors().get(0);
      verdicts.add(new Verdict("case", "config", false, "traffic not run: a cluster would reject "
          + "the config (" + first.code() + " " + first.file() + ":" + first.line() + ":"
          + first.column() + ": " + first.message() + ")", SourcePos.start(c.file())));
      return new CaseRun(c.file(), Optional.of(c), fr.diagnostics(), false, false, List.of(),
          List.of(), verdicts);
    }
    List<List<Observation>> perRequest = new ArrayList<>();
    List<Observation> distribution = List.of();
    try (EngineSession session = start(c, fr)) {
      for (CaseRequest r : c.requests()) {
        perRequest.add(session.run(r, "r" + r.index()));
      }
      if (c.distribution().isPresent()) {
        distribution = session.distribution(c.distribution().get(), "d");
      }
    }
    Map<String, Long> counts = c.distribution().isPresent()
        ? CaseJudge.countBy(c.distribution().get().by(), distribution) : null;
    verdicts.addAll(CaseJudge.judge(c, perRequest, counts));
    return new CaseRun(c.file(), Optional.of(c), fr.diagnostics(), true, true, perRequest,
        distribution, verdicts);
  }

  /** The config front end for a case: its config against its topology, positions in the file. */
  public FrontEndResult validate(CaseFile c) {
    Optional<Topology> topology = c.topology().map(t -> c.toTopology());
    return frontEnd.validate(c.loadConfig(loader), c.namespace(), topology);
  }

  /**
   * Starts a session for an admissible case: the topology with the config's Deployments and
   * Services added, sidecars for the default client and every mesh client the case names.
   */
  public EngineSession start(CaseFile c, FrontEndResult fr) {
    Topology base = c.toTopology();
    Topology topology = TopologyFromConfig.merge(Optional.of(base), fr.config(), c.namespace(),
        new ArrayList<>()).orElse(base);
    Set<CaseRequest.Client> clients = new LinkedHashSet<>();
    clients.add(CaseRequest.Client.defaultIn(c.namespace()));
    for (CaseRequest r : c.requests()) {
      if (r.via().isMesh()) {
        clients.add(r.from());
      }
    }
    c.distribution().filter(d -> d.template().via().isMesh())
        .ifPresent(d -> clients.add(d.template().from()));
    Optional<Set<String>> secrets = c.topology().flatMap(CaseTopology::secrets).map(Set::copyOf);
    return EngineSession.start(fr.config(), topology, secrets, options, clients);
  }
}
