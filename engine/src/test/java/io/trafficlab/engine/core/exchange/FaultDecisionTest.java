package io.trafficlab.engine.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.core.policy.FaultPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultDecisionTest {

  private static FaultPolicy policy(Double delayPercent, Double abortPercent) {
    return new FaultPolicy(
        Optional.ofNullable(delayPercent).map(p -> new FaultPolicy.Delay(Duration.ofSeconds(2), p)),
        Optional.ofNullable(abortPercent).map(p -> new FaultPolicy.Abort(500, p)));
  }

  @Test
  void noFaultPolicyDecidesNothing() {
    FaultDecision d = FaultDecision.decide(FaultPolicy.NONE, 42);

    assertThat(d.isNone()).isTrue();
    assertThat(d.flags()).isEmpty();
  }

  @Test
  void hundredPercentDelayAndAbortDoBothDelayFirst() {
    FaultDecision d = FaultDecision.decide(policy(100.0, 100.0), 123456789L);

    assertThat(d.delay()).contains(Duration.ofSeconds(2));
    assertThat(d.abortStatus()).hasValue(500);
    assertThat(d.flags()).containsExactly("DI", "FI");
    assertThat(d.reason()).isEqualTo("delayed 2s by fault injection, then aborted with 500 by fault injection");
  }

  @Test
  void zeroPercentNeverFires() {
    for (long r = 0; r < 1000; r++) {
      assertThat(FaultDecision.decide(policy(0.0, 0.0), r).isNone()).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"10, 0.10", "50, 0.50", "0.5, 0.005"})
  void percentagesFireAtTheirRateIndependently(double percent, double expected) {
    SplittableRandom random = new SplittableRandom(7);
    int n = 200_000;
    int delays = 0;
    int aborts = 0;
    int both = 0;
    for (int i = 0; i < n; i++) {
      FaultDecision d = FaultDecision.decide(policy(percent, percent), random.nextLong());
      delays += d.delay().isPresent() ? 1 : 0;
      aborts += d.abortStatus().isPresent() ? 1 : 0;
      both += d.delay().isPresent() && d.abortStatus().isPresent() ? 1 : 0;
    }
    double sigma = Math.sqrt(expected * (1 - expected) / n);
    assertThat((double) delays / n).isCloseTo(expected, org.assertj.core.data.Offset.offset(4 * sigma));
    assertThat((double) aborts / n).isCloseTo(expected, org.assertj.core.data.Offset.offset(4 * sigma));
    double pBoth = expected * expected;
    double sigmaBoth = Math.sqrt(pBoth * (1 - pBoth) / n);
    assertThat((double) both / n).isCloseTo(pBoth, org.assertj.core.data.Offset.offset(4 * sigmaBoth + 1e-5));
  }

  @Test
  void percentIsTranslatedToPartsPerMillionLikeIstio() {
    assertThat(new FaultPolicy.Abort(500, 0.0001).ppm()).isEqualTo(1);
    assertThat(new FaultPolicy.Abort(500, 12.5).ppm()).isEqualTo(125_000);
    assertThat(new FaultPolicy.Abort(500, 100).ppm()).isEqualTo(1_000_000);
    // random mod 1e6 below the numerator fires: 0 fires at 1 ppm, 1 does not
    assertThat(FaultDecision.decide(new FaultPolicy(
        Optional.of(new FaultPolicy.Delay(Duration.ofMillis(5), 0.0001)), Optional.empty()), 0)
        .delay()).isPresent();
    assertThat(FaultDecision.decide(new FaultPolicy(
        Optional.of(new FaultPolicy.Delay(Duration.ofMillis(5), 0.0001)), Optional.empty()), 1)
        .delay()).isEmpty();
  }
}
