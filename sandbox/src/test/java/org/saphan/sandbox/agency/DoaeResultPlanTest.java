package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.saphan.sandbox.web.SandboxException;
import org.saphan.sandbox.web.SandboxExceptionHandler;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The DOAE control API's result plan, read strictly (a wrong plan is a 400 problem with its code),
 * without a Spring context: the controller with the sandbox's exception handler.
 */
class DoaeResultPlanTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-07T14:00:00Z"), ZoneOffset.UTC);

  @TempDir Path outbox;

  private DoaeResultFiles results;
  private MockMvc mvc;

  @BeforeEach
  void controller() {
    results =
        new DoaeResultFiles(
            outbox,
            () -> {
              throw new IllegalStateException("no key needed");
            },
            CLOCK);
    mvc =
        MockMvcBuilders.standaloneSetup(
                new DoaeControlController(new DoaeBatchInbox(key -> false, CLOCK), results))
            .setControllerAdvice(new SandboxExceptionHandler())
            .build();
  }

  @Test
  void shouldSetThePlanOfTheNextResultFile() throws Exception {
    // when
    mvc.perform(
            put("/sandbox/v1/agencies/doae/results-plan")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    """
                    {"reject": ["app-1", {"applicationId": "app-2", "reason": "ที่ดินไม่ตรงกับทะเบียน"}],
                     "receivedOnly": ["app-3"], "fault": "bad-lines"}
                    """))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fault").value("bad-lines"))
        .andExpect(jsonPath("$.reject['app-1']").value(DoaeResultPlan.DEFAULT_REASON));

    // then
    DoaeResultPlan plan = results.plan();
    assertThat(plan.fault()).isEqualTo(DoaeResultPlan.Fault.BAD_LINES);
    assertThat(plan.code("app-1")).isEqualTo('X');
    assertThat(plan.reason("app-2")).isEqualTo("ที่ดินไม่ตรงกับทะเบียน");
    assertThat(plan.code("app-3")).isEqualTo('R');
    assertThat(plan.code("app-4")).isEqualTo('A');
    mvc.perform(get("/sandbox/v1/agencies/doae/results-plan"))
        .andExpect(jsonPath("$.receivedOnly[0]").value("app-3"));
    mvc.perform(get("/sandbox/v1/agencies/doae/results")).andExpect(content().json("[]"));
    mvc.perform(post("/sandbox/v1/agencies/doae/results/release")).andExpect(content().json("[]"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"fault\": \"slow\"}|result_fault_unknown",
        "{\"fault\": 3}|results_plan_invalid",
        "{\"faults\": \"late\"}|results_plan_invalid",
        "{\"reject\": \"app-1\"}|results_plan_invalid",
        "{\"reject\": [7]}|results_plan_invalid",
        "{\"reject\": [{\"applicationId\": \"app-1\", \"reason\": \"ë\"}]}|results_plan_invalid",
        "{\"reject\": [\"app-1\"], \"receivedOnly\": [\"app-1\"]}|results_plan_invalid",
        "[]|results_plan_invalid"
      })
  void shouldRefuseAWrongPlanWithA400(String body, String code) throws Exception {
    // when / then
    mvc.perform(
            put("/sandbox/v1/agencies/doae/results-plan")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value(code));
    assertThat(results.plan()).isEqualTo(DoaeResultPlan.NORMAL);
  }

  @Test
  void shouldRefuseAPlanWithoutABody() throws Exception {
    // when / then
    mvc.perform(put("/sandbox/v1/agencies/doae/results-plan"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("results_plan_invalid"))
        .andExpect(jsonPath("$.detail").value("the body must be a JSON object"));
  }

  @Test
  void shouldRefuseAReasonLongerThanTheField() {
    // given
    String reason = "ก".repeat(101);
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.putArray("reject").addObject().put("applicationId", "app-1").put("reason", reason);

    // when / then
    assertThatThrownBy(() -> DoaeResultPlan.parse(body))
        .isInstanceOfSatisfying(
            SandboxException.class, e -> assertThat(e.code()).isEqualTo("results_plan_invalid"))
        .hasMessage("reject: the reason of app-1 is longer than 100 TIS-620 bytes");
  }
}
