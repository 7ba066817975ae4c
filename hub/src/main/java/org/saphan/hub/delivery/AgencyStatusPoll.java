package org.saphan.hub.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.applications.Application;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.status.AgencyStatusQuery;

/**
 * The agency call of a status poll: the card's poll mapping, signed like a delivery, sent by the
 * SOAP transport; only a 2xx without a fault is a status report ({@link AgencyAnswers}).
 */
public class AgencyStatusPoll implements AgencyStatusQuery {

  private static final ObjectMapper JSON = Json.strict();

  private final MappingRunner mappings;
  private final Signing signing;
  private final SoapTransport soap;

  public AgencyStatusPoll(MappingRunner mappings, Signing signing, SoapTransport soap) {
    this.mappings = mappings;
    this.signing = signing;
    this.soap = soap;
  }

  @Override
  public Exchange ask(ConnectorCard card, Application application) {
    ObjectNode query = JSON.createObjectNode();
    query.put("applicationId", application.id());
    query.put("agencyReference", application.agencyReference());
    query.put("messageId", application.messageId().toString());
    Path file = card.mappingFile(MappingKey.POLL).orElseThrow();
    String request = mappings.run(file, MappingInput.json(query)).text();
    SigningPolicy policy = SigningPolicy.fromCardName(card.api().orElseThrow().signing().policy());
    SignedMessage signed =
        signing
            .signer(policy, card.api().orElseThrow().signing().algorithm().orElse(null))
            .sign(request.getBytes(StandardCharsets.UTF_8));
    try {
      // A fault or an error status is not a status report: the poll failed.
      AgencyCall call =
          AgencyAnswers.requireAcknowledgement(
              card,
              soap.call(
                  card,
                  card.endpointUrl().orElseThrow(),
                  signed.body(),
                  "poll-" + UUID.randomUUID()),
              "status poll");
      return new Exchange(
          call.body(),
          call.wire(),
          Digests.sha256(SoapTransport.envelope(signed.body())),
          Delivery.signatureOf(signed, policy),
          signed.kid());
    } catch (DeliveryFailure e) {
      throw failed(e);
    }
  }

  /**
   * A failed poll call as the status package sees it: {@code upstream_unavailable} while the agency
   * is down or slow (the delivery's transient class), else {@code upstream_bad_response}, with the
   * delivery's message and the failure as its cause.
   */
  static SaphanException failed(DeliveryFailure failure) {
    return SaphanException.system(
        failure.isTransient() ? ErrorCode.UPSTREAM_UNAVAILABLE : ErrorCode.UPSTREAM_BAD_RESPONSE,
        failure.getMessage(),
        failure);
  }
}
