package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.catalog.settings.CardSettingsJson;
import org.saphan.hub.delivery.AgencyAnswers.AnswerClass;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.XmlDocuments;
import org.w3c.dom.Element;

/** The one classification of agency answers: the defaults, a card's declarations, SOAP faults. */
class AgencyAnswersTest {

  /**
   * The sandbox DLD agency's exact answer to a request whose XML-DSig it cannot verify
   * (SoapMessages.fault(CLIENT, "SIGNATURE_INVALID", ...)).
   */
  static final String SIGNATURE_INVALID_FAULT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soap:Envelope"
          + " xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
          + "<faultcode>soap:Client</faultcode><faultstring xml:lang=\"en\">signature does not"
          + " verify</faultstring><detail><dld:PermitFault"
          + " xmlns:dld=\"urn:th:go:dld:movement:v1\"><dld:code>SIGNATURE_INVALID</dld:code>"
          + "<dld:message>signature does not verify</dld:message></dld:PermitFault></detail>"
          + "</soap:Fault></soap:Body></soap:Envelope>";

  static ConnectorCard card(String answersJson) {
    ConnectorCard card = mock(ConnectorCard.class);
    when(card.api()).thenReturn(Optional.of(api(answersJson, 5)));
    when(card.name()).thenReturn("test-card");
    return card;
  }

  /**
   * A card's {@code api} settings with these {@code answers} and {@code retry.maxAttempts}; the
   * answers write both lists of a class, as the loader's schema defaults fill them.
   */
  static ApiSettings api(String answersJson, int maxAttempts) {
    JsonNode json;
    try {
      json =
          Json.strict()
              .readTree(
                  "{\"api\":{\"credentials\":{},\"statusCodes\":{},\"answers\":"
                      + answersJson
                      + ",\"retry\":{\"maxAttempts\":"
                      + maxAttempts
                      + "}}}");
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
    return CardSettingsJson.read(json).api().orElseThrow();
  }

  private static AgencyCall http(int status, String body) {
    return new AgencyCall(status, "application/json", body, 3);
  }

  private static AnswerClass classOf(ConnectorCard card, AgencyCall call) {
    return AgencyAnswers.classify(card, call, "delivery", false).answerClass();
  }

  @Test
  void shouldClassifyByTodaysDefaultsWhenTheCardDeclaresNothing() {
    ConnectorCard card = card("{}");
    assertThat(classOf(card, http(202, "{}"))).isEqualTo(AnswerClass.ACKNOWLEDGEMENT);
    assertThat(classOf(card, http(409, "{}"))).isEqualTo(AnswerClass.ACKNOWLEDGEMENT);
    assertThat(classOf(card, http(422, "{}"))).isEqualTo(AnswerClass.CONTRACT_FAULT);
    assertThat(classOf(card, http(404, ""))).isEqualTo(AnswerClass.CONTRACT_FAULT);
    assertThat(classOf(card, http(503, ""))).isEqualTo(AnswerClass.TRANSIENT);
    assertThat(classOf(card, http(429, ""))).isEqualTo(AnswerClass.TRANSIENT);
    assertThat(classOf(card, http(408, ""))).isEqualTo(AnswerClass.TRANSIENT);
  }

  @Test
  void shouldAnswerAgencyRefusedCredentialsWhenTheAgencyAnswers401() {
    AgencyAnswers.Answer answer =
        AgencyAnswers.classify(card("{}"), http(401, ""), "delivery", false);
    assertThat(answer.failure().code()).isEqualTo("agency_refused_credentials");
    assertThat(answer.failure().kind()).isEqualTo(DeliveryFailure.Kind.CONTRACT);
  }

  @Test
  void shouldNameTheStatusAndBlankCitizenIdsWhenTheAgencyRefusesTheRequest() {
    // when
    DeliveryFailure failure =
        AgencyAnswers.classify(
                card("{}"),
                http(422, "{\"resultCode\":\"E103\",\"pid\":\"1101700000010\"}"),
                "delivery",
                false)
            .failure();
    // then
    assertThat(failure.code()).isEqualTo("agency_rejected_request");
    assertThat(failure.getMessage())
        .contains("HTTP 422")
        .contains("E103")
        .doesNotContain("1101700000010");
  }

  @Test
  void shouldFollowTheCardWhenItDeclaresAnswerClasses() {
    ConnectorCard card =
        card(
            "{\"refusals\":{\"httpStatus\":[422],\"faultCodes\":[\"E102\"]},"
                + "\"contractFaults\":{\"httpStatus\":[],\"faultCodes\":[\"SCHEMA\"]},"
                + "\"transient\":{\"httpStatus\":[404],\"faultCodes\":[\"BUSY\"]}}");
    assertThat(classOf(card, http(422, "{}"))).isEqualTo(AnswerClass.REFUSAL);
    assertThat(classOf(card, http(404, ""))).isEqualTo(AnswerClass.TRANSIENT);
    assertThat(classOf(card, fault("Client", "E102"))).isEqualTo(AnswerClass.REFUSAL);
    assertThat(classOf(card, fault("Server", "SCHEMA"))).isEqualTo(AnswerClass.CONTRACT_FAULT);
    assertThat(classOf(card, fault("Client", "BUSY"))).isEqualTo(AnswerClass.TRANSIENT);
    assertThat(classOf(card, fault("Server", "OTHER"))).isEqualTo(AnswerClass.TRANSIENT);
  }

  @Test
  void shouldAcceptOnlyA2xxWhenAPaymentNoticeIsAnswered() {
    ConnectorCard card = card("{\"refusals\":{\"httpStatus\":[422],\"faultCodes\":[]}}");
    assertThat(AgencyAnswers.classify(card, http(200, "{}"), "payment notice", true).answerClass())
        .isEqualTo(AnswerClass.ACKNOWLEDGEMENT);
    assertThat(
            AgencyAnswers.classify(card, http(409, "{}"), "payment notice", true).failure().code())
        .isEqualTo("agency_rejected_request");
    assertThat(AgencyAnswers.classify(card, http(422, "{}"), "payment notice", true).answerClass())
        .isEqualTo(AnswerClass.CONTRACT_FAULT);
    assertThatThrownBy(
            () -> AgencyAnswers.requireAcknowledgement(card, http(503, ""), "status poll"))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.code()).isEqualTo("agency_unavailable"));
  }

  @Test
  void shouldDeadLetterWithTheDetailCodeWhenDldAnswersSignatureInvalid() throws Exception {
    // given: the sandbox DLD agency's exact fault (issue 13: it used to count as unavailability,
    // open the circuit and never reach the dead letters)
    Element body =
        (Element)
            XmlDocuments.parse(SIGNATURE_INVALID_FAULT.getBytes(StandardCharsets.UTF_8))
                .getDocumentElement()
                .getFirstChild();
    AgencyCall.SoapFault fault = SoapTransport.fault((Element) body.getFirstChild());
    // when
    AgencyAnswers.Answer answer =
        AgencyAnswers.classify(
            card("{}"),
            new AgencyCall(500, "text/xml", "<soap:Fault/>", 5, fault),
            "delivery",
            false);
    // then: a contract fault (a dead letter at once) whose cause names the detail code
    assertThat(fault)
        .isEqualTo(
            new AgencyCall.SoapFault("Client", "signature does not verify", "SIGNATURE_INVALID"));
    assertThat(answer.answerClass()).isEqualTo(AnswerClass.CONTRACT_FAULT);
    DeliveryFailure failure = answer.failure();
    assertThat(failure.isTransient()).isFalse();
    assertThat(failure.code()).isEqualTo("agency_rejected_request");
    assertThat(failure.getMessage()).contains("SOAP fault Client (SIGNATURE_INVALID)");
  }

  private static AgencyCall fault(String code, String detailCode) {
    return new AgencyCall(
        500, "text/xml", "", 1, new AgencyCall.SoapFault(code, "why", detailCode));
  }
}
