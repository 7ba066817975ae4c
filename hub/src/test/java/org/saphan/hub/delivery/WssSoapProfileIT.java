package org.saphan.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.security.Authorisation;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The wss-x509 signing profile end to end: the hub's signer and SOAP transport, the sandbox's DLD
 * service verifying the WS-Security header against the hub's published keys.
 */
class WssSoapProfileIT extends HubIntegrationTest {

  @Autowired Signing signing;
  @Autowired SoapTransport soap;
  @Autowired Catalog catalog;

  @Test
  void shouldBeRegisteredByTheSoapAgencyWhenTheRequestIsSignedWithTheWsSecurityProfile()
      throws Exception {
    // given: the DLD card's own request mapping output (a golden example), made new
    ConnectorCard card = catalog.get("dld-animal-movement-permit");
    String request =
        Files.readString(
                ENV.home()
                    .resolve(
                        "mappings/dld-animal-movement-permit/examples/"
                            + "cattle-to-saraburi.request.expected.xml"),
                StandardCharsets.UTF_8)
            .replace("6b1f3c2a-9d47-4e0b-8f21-3c5a7e9d0b64", UUID.randomUUID().toString())
            .replace("2025-11-28", LocalDate.now().plusDays(7).toString());
    SignedMessage signed =
        signing
            .signer(SigningPolicy.WSS_X509, "RSA-SHA256")
            .sign(request.getBytes(StandardCharsets.UTF_8), Authorisation.basis("public_task"));

    // when
    AgencyCall call =
        soap.call(
            card, card.endpointUrl().orElseThrow(), signed.body(), "wss-" + UUID.randomUUID());

    // then: accepted, not faulted (a refused signature, or one that does not cover the
    // authorisation, is a soap:Client fault)
    assertThat(call.httpStatus()).isEqualTo(200);
    assertThat(call.body())
        .contains("SubmitPermitApplicationResponse")
        .contains("resultCode>0000<")
        .containsPattern("referenceNumber>DLD-MP-\\d{6}-\\d{6}<");
  }
}
