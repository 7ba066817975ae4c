package org.saphan.sandbox.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.common.DetachedJws;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/** The LED bankruptcy check's fault switches (docs/agency/checks.md), one mode per test. */
class LedFaultsTest extends CheckAgencyTest {

  private void fault(String body) throws Exception {
    checks
        .mvc
        .perform(
            post("/sandbox/v1/agencies/led/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body))
        .andExpect(status().isOk());
  }

  private MockHttpServletResponse check(String citizenId) throws Exception {
    return checks
        .mvc
        .perform(checks.check(CheckFixture.request(citizenId)))
        .andReturn()
        .getResponse();
  }

  @Test
  void shouldAnswer503WhenDown() throws Exception {
    // given
    fault("{\"mode\": \"down\"}");

    // when, then
    checks
        .mvc
        .perform(checks.check(CheckFixture.request(CheckFixture.SOMCHAI)))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("service_unavailable"));
  }

  @Test
  void shouldAnswer500WhenError() throws Exception {
    // given
    fault("{\"mode\": \"error\"}");

    // when, then
    checks
        .mvc
        .perform(checks.check(CheckFixture.request(CheckFixture.SOMCHAI)))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.code").value("internal_error"));
  }

  @Test
  void shouldHoldTheSignedAnswerBackWhenSlow() throws Exception {
    // given
    fault("{\"mode\": \"slow\", \"delayMillis\": 40}");

    // when
    MvcResult held =
        checks
            .mvc
            .perform(checks.check(CheckFixture.request(CheckFixture.SOMCHAI)))
            .andExpect(request().asyncStarted())
            .andReturn();

    // then
    MockHttpServletResponse response =
        checks
            .mvc
            .perform(asyncDispatch(held))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse();
    assertThat(CheckFixture.body(response).path("status").asText()).isEqualTo("NOT_BANKRUPT");
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
  }

  @Test
  void shouldSendABodyTheSignatureDoesNotCoverWhenTampered() throws Exception {
    // given
    fault("{\"mode\": \"tampered\"}");

    // when
    MockHttpServletResponse response = check(CheckFixture.SOMCHAI);

    // then
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(CheckFixture.header(response).getKeyID()).isEqualTo(checks.ledThumbprint());
    assertThat(checks.verifiesWithLedKey(response)).isFalse();
    assertThat(CheckFixture.body(response).path("validUntil").asText())
        .isEqualTo("2027-01-07T09:15:02Z");
  }

  @Test
  void shouldSendNoSignatureWhenUnsigned() throws Exception {
    // given
    fault("{\"mode\": \"unsigned\"}");

    // when
    MockHttpServletResponse response = check(CheckFixture.SOMCHAI);

    // then
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getHeader(DetachedJws.HEADER)).isNull();
    assertThat(CheckFixture.body(response).path("status").asText()).isEqualTo("NOT_BANKRUPT");
  }

  @Test
  void shouldSignWithAKeyThatIsNotLedsWhenForeignSignature() throws Exception {
    // given
    fault("{\"mode\": \"foreign-signature\"}");

    // when
    MockHttpServletResponse response = check(CheckFixture.SOMCHAI);

    // then: it claims LED's kid, but LED's key does not verify it
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(CheckFixture.header(response).getKeyID()).isEqualTo(checks.ledThumbprint());
    assertThat(checks.verifiesWithLedKey(response)).isFalse();
  }

  @Test
  void shouldSendASignedValidAnswerOverOneMebibyteWhenOversized() throws Exception {
    // given
    fault("{\"mode\": \"oversized\"}");

    // when
    MockHttpServletResponse response = check(LedRegister.BANKRUPT_CITIZEN_ID);

    // then
    assertThat(response.getContentAsByteArray().length).isGreaterThan(1024 * 1024);
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
    JsonNode answer = CheckFixture.body(response);
    assertThat(answer.path("status").asText()).isEqualTo("BANKRUPT");
    assertThat(answer.size()).isEqualTo(8);
  }

  @Test
  void shouldAnswerAboutAnotherRequestWhenWrongRequest() throws Exception {
    // given
    fault("{\"mode\": \"wrong-request\"}");
    String requestId = UUID.randomUUID().toString();

    // when
    MockHttpServletResponse response =
        checks
            .mvc
            .perform(checks.check(CheckFixture.request(requestId, CheckFixture.SOMCHAI)))
            .andReturn()
            .getResponse();

    // then
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
    String answered = CheckFixture.body(response).path("requestId").asText();
    assertThat(answered).isNotEqualTo(requestId).matches("[0-9a-f-]{36}");
  }

  @Test
  void shouldAnswerNormallyAgainWhenReset() throws Exception {
    // given
    fault("{\"mode\": \"down\"}");
    fault("{\"mode\": \"none\"}");

    // when
    MockHttpServletResponse response = check(CheckFixture.SOMCHAI);

    // then
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(checks.verifiesWithLedKey(response)).isTrue();
  }

  @Test
  void shouldShowTheFaultInForceWithItsWireName() throws Exception {
    // given
    fault("{\"mode\": \"foreign-signature\"}");

    // when, then
    checks
        .mvc
        .perform(get("/sandbox/v1/agencies/led/faults"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.mode").value("foreign-signature"));
  }

  @Test
  void shouldRefuseAFaultModeOutsideTheContractsList() throws Exception {
    checks
        .mvc
        .perform(
            post("/sandbox/v1/agencies/led/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"mode\": \"malformed\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.code").value("fault_mode_unknown"));
  }
}
