package org.saphan.hub.delivery;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;

/**
 * Signs the mapped body by the card's policy and algorithm (template parameters bound from {@code
 * api.signing}); the signed bytes become the body, and what the agency gets beside them becomes the
 * {@code X-*} headers: the stable message id (also the correlation id), the application id and, for
 * a detached JWS, the signature. What authorised sharing the data (the consent record or the lawful
 * basis) is bound into the signature: a JWS protected-header parameter, a signed SOAP element
 * (docs/agency/signing.md). Nothing else on the message is meant for the agency.
 */
public class SignRequest {

  /** Headers the agency gets; the route removes every other header before the call. */
  public static final String AGENCY_HEADERS = "X-*";

  private final Signing signing;

  public SignRequest(Signing signing) {
    this.signing = signing;
  }

  /**
   * @param policy the card's {@code api.signing.policy}
   * @param algorithm the card's {@code api.signing.algorithm}, empty when the policy has none
   */
  public void sign(Exchange exchange, String policy, String algorithm) {
    Delivery delivery = Delivery.of(exchange);
    Message message = exchange.getMessage();
    SigningPolicy signingPolicy = SigningPolicy.fromCardName(policy);
    SignedMessage signed =
        signing
            .signer(signingPolicy, algorithm == null || algorithm.isBlank() ? null : algorithm)
            .sign(
                message.getBody(String.class).getBytes(StandardCharsets.UTF_8),
                delivery.authorisation());
    delivery.signed(signed, signingPolicy);
    message.setBody(signed.body());
    message.setHeader("X-Message-Id", delivery.messageId());
    message.setHeader("X-Correlation-Id", delivery.messageId());
    message.setHeader("X-Application-Id", delivery.application().id());
    if (signed.detachedSignature() != null) {
      message.setHeader("X-JWS-Signature", delivery.signature());
    }
  }
}
