package org.saphan.hub.checks;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.hub.security.SignedMessage;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningPolicy;

/**
 * The check route's {@code sign} step: the mapped request signed per the card's {@code
 * checks.signing} (a detached JWS, the consent or lawful basis bound into it, as deliveries do);
 * the only headers the agency gets are set here: {@code X-Message-Id} (the request id) and {@code
 * X-JWS-Signature}.
 */
public class SignCheck implements org.apache.camel.Processor {

  /** The headers a check sends the agency. */
  static final String MESSAGE_ID = "X-Message-Id";

  static final String SIGNATURE = "X-JWS-Signature";

  private final Signing signing;

  public SignCheck(Signing signing) {
    this.signing = signing;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    ApiSettings.Signing settings = check.card().checks().orElseThrow().signing();
    Message message = exchange.getMessage();
    SignedMessage signed =
        signing
            .signer(
                SigningPolicy.fromCardName(settings.policy()), settings.algorithm().orElse(null))
            .sign(
                message.getBody(String.class).getBytes(StandardCharsets.UTF_8),
                check.sharing() == null ? null : check.sharing().authorisation());
    check.signed(signed);
    message.getHeaders().clear();
    message.setBody(signed.body());
    message.setHeader(MESSAGE_ID, check.requestId().toString());
    message.setHeader(SIGNATURE, new String(signed.detachedSignature(), StandardCharsets.US_ASCII));
  }
}
