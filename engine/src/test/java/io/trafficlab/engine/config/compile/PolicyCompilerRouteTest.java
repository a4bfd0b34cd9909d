package io.trafficlab.engine.config.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.ConfigFrontEnd;
import io.trafficlab.engine.config.FrontEndResult;
import io.trafficlab.engine.config.yaml.YamlMap;
import io.trafficlab.engine.core.policy.FaultPolicy;
import io.trafficlab.engine.core.policy.RetryPolicy;
import io.trafficlab.engine.core.policy.RoutePolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCompilerRouteTest {

  /** Compiles spec.http[0] of a VirtualService whose rule body is {@code ruleYaml} (indented 4). */
  static RoutePolicy compile(String ruleYaml) {
    String text = """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata:
          name: reviews
        spec:
          hosts:
          - reviews
          http:
          - route:
            - destination:
                host: reviews
        """ + ruleYaml.indent(4);
    FrontEndResult r = new ConfigFrontEnd().validate("vs.yaml", text, "default", Optional.empty());
    YamlMap spec = r.config().virtualServices().get(0).spec();
    return PolicyCompiler.route((YamlMap) spec.seq("http").orElseThrow().get(0));
  }

  @Test
  void aRuleWithoutResilienceFieldsGetsIstioDefaults() {
    RoutePolicy p = compile("");

    assertThat(p).isEqualTo(RoutePolicy.DEFAULT);
    assertThat(p.timeout()).isEmpty();
    assertThat(p.retries().numRetries()).isEqualTo(2);
    assertThat(p.retries().retryOn()).containsExactlyInAnyOrder("connect-failure", "refused-stream",
        "unavailable", "cancelled", "retriable-status-codes");
    assertThat(p.retries().retriableStatusCodes()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"0.5s, 500", "2s, 2000", "1m30s, 90000", "100ms, 100", "1h, 3600000", "1.5s, 1500"})
  void timeoutsUseGoDurationSyntax(String written, long millis) {
    assertThat(compile("timeout: " + written).timeout()).contains(Duration.ofMillis(millis));
  }

  /** retries YAML → numRetries, retryOn, codes, perTry ms (-1 none), ignorePrevious */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{attempts: 0}                                   | 0 | ''                                     | ''       | -1  | true",
      "{attempts: 0, retryOn: 5xx}                     | 0 | ''                                     | ''       | -1  | true",
      "{}                                              | 0 | ''                                     | ''       | -1  | true",
      "{attempts: 3, retryOn: 5xx}                     | 3 | 5xx                                    | ''       | -1  | true",
      "{attempts: 3, retryOn: 'gateway-error,connect-failure,refused-stream'} | 3 | connect-failure gateway-error refused-stream | '' | -1 | true",
      "{attempts: 1, retryOn: '503'}                   | 1 | retriable-status-codes                 | 503      | -1  | true",
      "{attempts: 1, retryOn: '5xx, 503,409'}          | 1 | 5xx retriable-status-codes             | 409 503  | -1  | true",
      "{attempts: 5, perTryTimeout: 2s}                | 5 | cancelled connect-failure refused-stream retriable-status-codes unavailable | '' | 2000 | true",
      "{attempts: 2, retryIgnorePreviousHosts: false}  | 2 | cancelled connect-failure refused-stream retriable-status-codes unavailable | '' | -1 | false",
  })
  void retriesFollowIstioConvertPolicy(String retries, int n, String retryOn, String codes,
      long perTryMs, boolean ignorePrevious) {
    RetryPolicy p = compile("retries: " + retries).retries();

    assertThat(p.numRetries()).isEqualTo(n);
    assertThat(p.retryOn()).containsExactlyInAnyOrder(retryOn.isBlank() ? new String[0] : retryOn.split(" "));
    assertThat(p.retriableStatusCodes()).containsExactlyInAnyOrder(codes.isBlank()
        ? new Integer[0] : java.util.Arrays.stream(codes.split(" ")).map(Integer::valueOf).toArray(Integer[]::new));
    assertThat(p.perTryTimeout()).isEqualTo(perTryMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(perTryMs)));
    assertThat(p.retryIgnorePreviousHosts()).isEqualTo(ignorePrevious);
  }

  @Test
  void retryBackoffBaseDefaultsTo25msAndCanBeSet() {
    assertThat(compile("retries: {attempts: 2}").retries().backoffBase()).isEqualTo(Duration.ofMillis(25));
    assertThat(compile("retries: {attempts: 2, backoff: 100ms}").retries().backoffBase())
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void delayFaultWithPercentage() {
    FaultPolicy f = compile("""
        fault:
          delay:
            percentage:
              value: 12.5
            fixedDelay: 7s
        """).fault();

    assertThat(f).isEqualTo(new FaultPolicy(
        Optional.of(new FaultPolicy.Delay(Duration.ofSeconds(7), 12.5)), Optional.empty()));
  }

  /** fault YAML → delay percent (-1 none), abort status (-1 none), abort percent */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{delay: {fixedDelay: 2s}}                                     | 0   | -1  | 0",
      "{delay: {fixedDelay: 2s, percent: 30}}                        | 30  | -1  | 0",
      "{delay: {fixedDelay: 2s, percentage: {value: 100}}}           | 100 | -1  | 0",
      "{abort: {httpStatus: 500}}                                    | -1  | 500 | 0",
      "{abort: {httpStatus: 555, percentage: {value: 100.0}}}        | -1  | 555 | 100",
      "{abort: {httpStatus: 503, percentage: {value: 0.5}}, delay: {fixedDelay: 1s, percentage: {value: 10}}} | 10 | 503 | 0.5",
  })
  void faultPercentagesDefaultToZero(String fault, double delayPercent, int abortStatus,
      double abortPercent) {
    FaultPolicy f = compile("fault: " + fault).fault();

    assertThat(f.delay().map(FaultPolicy.Delay::percent).orElse(-1.0)).isEqualTo(delayPercent);
    assertThat(f.abort().map(FaultPolicy.Abort::httpStatus).orElse(-1)).isEqualTo(abortStatus);
    assertThat(f.abort().map(FaultPolicy.Abort::percent).orElse(0.0)).isEqualTo(abortPercent);
  }

  @Test
  void protoFieldNamesAreReadToo() {
    // read with the bare loader: a strict schema layer may reject proto names in a CRD
    YamlMap rule = (YamlMap) new ConfigFrontEnd().loader().load("rule.yaml", """
        retries:
          attempts: 4
          retry_on: gateway-error
          per_try_timeout: 250ms
        """).documents().get(0).root();
    RoutePolicy p = PolicyCompiler.route(rule);

    assertThat(p.retries().retryOn()).isEqualTo(Set.of("gateway-error"));
    assertThat(p.retries().perTryTimeout()).contains(Duration.ofMillis(250));
  }

  @ParameterizedTest
  @CsvSource({"10s, 10000", "0.25s, 250", "1h1m1s, 3661000", "1.5h, 5400000", "500us, 0", "0, 0"})
  void goDurationsParse(String text, long millis) {
    assertThat(PolicyCompiler.parseDuration(text).orElseThrow().toMillis()).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource({"10", "s", "-1s", "1d", "1.s5", "'' "})
  void malformedDurationsAreEmpty(String text) {
    assertThat(PolicyCompiler.parseDuration(text)).isEmpty();
  }
}
