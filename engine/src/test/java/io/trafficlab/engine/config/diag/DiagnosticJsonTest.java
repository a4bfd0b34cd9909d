package io.trafficlab.engine.config.diag;

import static org.assertj.core.api.Assertions.assertThat;

import io.trafficlab.engine.config.yaml.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosticJsonTest {

  @Test
  void diagnosticIsWrittenWithEveryContractKeyInOrderAndWireNames() {
    Diagnostic d = Diagnostic.of(DiagnosticCode.IST0101, new SourcePos("s.yaml", 14, 11),
        "spec.http[0].route[1].destination.subset", "VirtualService default/reviews",
        "define subset v3", "host+subset in destinationrule", "\"reviews+v3\"");

    assertThat(DiagnosticJson.toJson(List.of(d)).toString()).isEqualTo("[{"
        + "\"severity\":\"error\",\"code\":\"IST0101\","
        + "\"message\":\"Referenced host+subset in destinationrule not found: \\\"reviews+v3\\\"\","
        + "\"file\":\"s.yaml\",\"line\":14,\"column\":11,"
        + "\"path\":\"spec.http[0].route[1].destination.subset\","
        + "\"resource\":\"VirtualService default/reviews\",\"hint\":\"define subset v3\","
        + "\"layer\":\"analysis\"}]");
  }

  @Test
  void diagnosticWithoutPlaceKeepsEveryKey() {
    Diagnostic d = Diagnostic.of(DiagnosticCode.IST0001, null, "", "", "", "NullPointerException");

    assertThat(DiagnosticJson.toJson(d).toString()).isEqualTo("{\"severity\":\"warning\","
        + "\"code\":\"IST0001\",\"message\":\"Internal error: NullPointerException\",\"file\":\"\","
        + "\"line\":0,\"column\":0,\"path\":\"\",\"resource\":\"\",\"hint\":\"\",\"layer\":\"analysis\"}");
  }
}
