package org.saphan.hub.security.egress;

import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.saphan.hub.error.SaphanException;

/**
 * Fetches JWK sets for Nimbus's {@code JWKSourceBuilder} through the {@link EgressClient}: the
 * Digital ID issuer's keys and agencies' {@code api.trust.jwksUrl}. Only the URL's own origin is
 * called; refusals and failures reach Nimbus as {@link IOException}s (it then keeps the cached set
 * or refuses the token), and are counted and logged by the client.
 */
public final class JwksRetriever implements ResourceRetriever {

  /** Largest JWK set read, in bytes. */
  static final long MAX_BYTES = 512L * 1024;

  private final EgressClient client;
  private final String party;
  private final Duration timeout;

  /**
   * @param party who the keys belong to (a connector name, {@code digital-id}), for problems and
   *     metrics
   * @param timeout the whole fetch's budget
   */
  public JwksRetriever(EgressClient client, String party, Duration timeout) {
    this.client = client;
    this.party = party;
    this.timeout = timeout;
  }

  @Override
  public Resource retrieveResource(URL url) throws IOException {
    EgressResponse response;
    try {
      response =
          client.send(
              party,
              EgressRequest.get(url.toURI())
                  .withAccept("application/jwk-set+json, application/json")
                  .withTimeout(timeout)
                  .withMaxBody(MAX_BYTES));
    } catch (URISyntaxException e) {
      throw new IOException("not a URL: " + e.getMessage(), e);
    } catch (SaphanException e) {
      throw new IOException(e.code().code() + ": " + e.getMessage(), e);
    }
    if (response.status() != 200) {
      throw new IOException("JWK set of " + party + " answered HTTP " + response.status());
    }
    return new Resource(
        new String(response.body(), StandardCharsets.UTF_8), response.contentType());
  }
}
