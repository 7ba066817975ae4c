package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.Application;
import org.saphan.hub.applications.TestApplications;

/** Reading an answer with DCY's real response mapping: acknowledgement, refusal, failures. */
class ReadAnswerTest {

  private static final Path HOME =
      Path.of(System.getProperty("saphan.home", "..")).toAbsolutePath().normalize();
  private static final String REFUSED =
      "{\"resultCode\":\"E103\",\"resultDesc\":\"วันเกิดไม่ครบ\"}";

  private final ReadAnswer read = new ReadAnswer(new DeliveryMappings(new MappingRunner(HOME)));

  private Delivery answered(ConnectorCard card, int status, String body) {
    when(card.mappingFile(MappingKey.RESPONSE))
        .thenReturn(Optional.of(HOME.resolve("mappings/dcy-newborn-grant/response.jsonata")));
    Application application = TestApplications.submitted("APP-2");
    Delivery delivery = new Delivery("m-2", "delivery", application, card);
    delivery.transport("rest");
    delivery.call(new AgencyCall(status, "application/json", body, 5));
    return delivery;
  }

  private Exchange exchange(Delivery delivery) {
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.setProperty(Delivery.PROPERTY, delivery);
    return exchange;
  }

  @Test
  void shouldMapTheAcknowledgementWhenTheAgencyAccepts() {
    Delivery delivery =
        answered(
            AgencyAnswersTest.card("{}"),
            202,
            "{\"resultCode\":\"0000\",\"resultDesc\":\"ok\",\"data\":{\"refNo\":\"DCY-1\",\"statusCode\":\"10\"}}");
    read.process(exchange(delivery));
    assertThat(delivery.acknowledgement().path("accepted").asBoolean()).isTrue();
    assertThat(delivery.acknowledgement().path("agencyReference").asText()).isEqualTo("DCY-1");
  }

  @Test
  void shouldRefuseWithMalformedResponseWhenTheAnswerIsNotJson() {
    Delivery delivery = answered(AgencyAnswersTest.card("{}"), 200, "<html>proxy</html>");
    assertThatThrownBy(() -> read.process(exchange(delivery)))
        .isInstanceOfSatisfying(
            DeliveryFailure.class, f -> assertThat(f.code()).isEqualTo("malformed_response"));
  }

  @Test
  void shouldThrowAContractFaultWhenTheCardDoesNotDeclareTheStatusARefusal() {
    Delivery delivery = answered(AgencyAnswersTest.card("{}"), 422, REFUSED);
    assertThatThrownBy(() -> read.process(exchange(delivery)))
        .isInstanceOfSatisfying(
            DeliveryFailure.class,
            f -> {
              assertThat(f.code()).isEqualTo("agency_rejected_request");
              assertThat(f.kind()).isEqualTo(DeliveryFailure.Kind.CONTRACT);
            });
  }

  @Test
  void shouldRefuseTheApplicationWithTheAgencysReasonWhenTheCardDeclaresTheStatusARefusal() {
    Delivery delivery =
        answered(
            AgencyAnswersTest.card("{\"refusals\":{\"httpStatus\":[422],\"faultCodes\":[]}}"),
            422,
            REFUSED);
    read.process(exchange(delivery));
    assertThat(delivery.acknowledgement().path("accepted").asBoolean()).isFalse();
    assertThat(delivery.acknowledgement().path("message").asText()).isEqualTo("วันเกิดไม่ครบ");
  }

  @Test
  void shouldRefuseWithTheFaultsDetailCodeWhenTheCardDeclaresTheSoapFaultARefusal() {
    Delivery delivery =
        answered(
            AgencyAnswersTest.card("{\"refusals\":{\"httpStatus\":[],\"faultCodes\":[\"E102\"]}}"),
            500,
            "");
    delivery.call(
        new AgencyCall(
            500, "text/xml", "<f/>", 5, new AgencyCall.SoapFault("Client", "past", "E102")));
    read.process(exchange(delivery));
    assertThat(delivery.acknowledgement().path("agencyStatusCode").asText()).isEqualTo("E102");
    assertThat(delivery.acknowledgement().path("accepted").asBoolean()).isFalse();
  }
}
