package io.trafficlab.labs.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trafficlab.labs.grade.CheckResult;
import io.trafficlab.labs.grade.CheckStatus;
import io.trafficlab.labs.grade.GradeReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExportsTest {

  static GradeReport partial() {
    return new GradeReport("test-pack/header-canary", CheckStatus.FAIL, 4, 6, "", List.of(),
        List.of(new CheckResult("valid", 1, "The configuration is valid", CheckStatus.PASS, 1, 1, "", "", List.of()),
            new CheckResult("canary", 2, "Testers reach v2", CheckStatus.FAIL, 0, 3,
                "reached v1 in 5/5 requests", "Header names are lower-case.", List.of()),
            new CheckResult("others", 2, "Others reach v1", CheckStatus.PASS, 3, 3, "", "", List.of())),
        List.of(new GradeReport.MisconceptionHit("upper", "Header name not lower-case", "Envoy lower-cases names.")),
        0, 180.0);
  }

  @Test
  void exercismV3HasOneTestPerCheckWithTaskIds() {
    ObjectNode json = ExercismExport.toJson(partial());

    assertThat(json.get("version").asInt()).isEqualTo(3);
    assertThat(json.get("status").asText()).isEqualTo("fail");
    assertThat(json.has("message")).isFalse();
    assertThat(json.get("tests")).hasSize(3);
    assertThat(json.get("tests").get(0).get("status").asText()).isEqualTo("pass");
    assertThat(json.get("tests").get(0).get("message").isNull()).isTrue();
    assertThat(json.get("tests").get(1).get("message").asText())
        .isEqualTo("reached v1 in 5/5 requests\nHint: Header names are lower-case.");
    assertThat(json.get("tests").get(1).get("task_id").asInt()).isEqualTo(2);
    assertThat(json.get("tests").get(1).get("name").asText()).isEqualTo("Testers reach v2");
  }

  @Test
  void exercismErrorCarriesOnlyTheMessage() {
    GradeReport error = new GradeReport("p/e", CheckStatus.ERROR, 0, 6, "the configuration has 2 errors",
        List.of(), List.of(), List.of(), 0, 3.0);

    ObjectNode json = ExercismExport.toJson(error);

    assertThat(json.get("status").asText()).isEqualTo("error");
    assertThat(json.get("message").asText()).isEqualTo("the configuration has 2 errors");
    assertThat(json.has("tests")).isFalse();
  }

  @Test
  void gradescopeScoresEveryCheckAndReportsMisconceptions() {
    ObjectNode json = GradescopeExport.toJson(partial());

    assertThat(json.get("score").asDouble()).isEqualTo(4.0);
    assertThat(json.get("execution_time").asInt()).isEqualTo(1);
    assertThat(json.get("output").asText()).contains("Score 4/6").contains("Header name not lower-case");
    assertThat(json.get("tests")).hasSize(3);
    assertThat(json.get("tests").get(1).get("status").asText()).isEqualTo("failed");
    assertThat(json.get("tests").get(1).get("max_score").asDouble()).isEqualTo(3.0);
    assertThat(json.get("tests").get(1).get("number").asText()).isEqualTo("2.2");
  }

  @Test
  void csvQuotesFieldsAndNeutralisesFormulas() {
    List<String> ids = List.of("valid", "canary", "others");

    assertThat(CsvExport.header(ids)).isEqualTo(
        "learner,exercise,status,score,max_score,percent,check:valid,check:canary,check:others\r\n");
    assertThat(CsvExport.row("=cmd|' /C calc'!A0, \"x\"", partial(), ids)).isEqualTo(
        "\"'=cmd|' /C calc'!A0, \"\"x\"\"\",test-pack/header-canary,fail,4,6,66.7,1,0,3\r\n");
  }
}
