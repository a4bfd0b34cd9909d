package io.trafficlab.engine.config.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"reviews", "reviews.default.svc.cluster.local", "*", "*.example.com",
      "*-foo.example.com", "istio.io.", "a-b.c"})
  void wildcardDomainsIstioAccepts(String host) {
    assertThat(HostRules.wildcardDomain(host)).isEmpty();
  }

  /** Like Istio, the reason names the part after the first label, which is checked separately. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''| empty domain name not allowed",
      "foo.*.com| domain name \"*.com\" invalid (label \"*\" invalid)",
      "reviews_v1| domain name \"reviews_v1\" invalid (label \"reviews_v1\" invalid)",
      "10.0.0.1| domain name \"0.0.1\" invalid (top level domain \"1\" cannot be all-numeric)",
      "a..b| domain name \".b\" invalid (label \"\" invalid)"})
  void wildcardDomainsIstioRejectsWithItsReason(String host, String reason) {
    assertThat(HostRules.wildcardDomain(host)).contains(reason);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.1, true", "255.255.255.255, true", "256.1.1.1, false", "01.1.1.1, false",
      "::1, true", "2001:db8::1, true", "fe80::1%eth0, true", "1:2:3:4:5:6:7:8, true",
      "1:2:3:4:5:6:7:8:9, false", "::ffff:10.0.0.1, true", "a.b.c.d, false", "1::2::3, false"})
  void ipAddressesAreRecognised(String s, boolean ip) {
    assertThat(HostRules.isIp(s)).isEqualTo(ip);
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/8, true", "10.0.0.1, true", "2001:db8::/32, true", "10.0.0.0/33, false",
      "10.0.0.0/x, false"})
  void cidrBlocksAreRecognised(String s, boolean ok) {
    assertThat(HostRules.isIpOrCidr(s)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({"v1, true", "V2, true", "v1-0, true", "v1.0, false", "-v1, false", "'', false"})
  void subsetNamesAreDns1123Labels(String s, boolean ok) {
    assertThat(HostRules.isDns1123Label(s)).isEqualTo(ok);
  }

  @ParameterizedTest
  @CsvSource({"app, true", "app.kubernetes.io/name, true", "example.com/tier, true", "-app, false",
      "a/b/c, false", "'', false"})
  void labelKeysFollowKubernetes(String s, boolean ok) {
    assertThat(HostRules.isLabelKey(s)).isEqualTo(ok);
  }
}
