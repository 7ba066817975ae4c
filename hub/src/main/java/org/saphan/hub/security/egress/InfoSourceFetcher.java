package org.saphan.hub.security.egress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;

/**
 * Model 0's pull of an agency's published service information: a size-limited GET that must answer
 * 2xx with {@code application/json} (or a {@code +json} type) holding one well-formed JSON
 * document. Keeping the last good data when this fails is the caller's job.
 */
public final class InfoSourceFetcher {

  private static final String JSON = "application/json";

  private final SafeHttpClient client;
  private final ObjectMapper json = Json.strict();

  public InfoSourceFetcher(SafeHttpClient client) {
    this.client = client;
  }

  /**
   * Fetches and parses the JSON at {@code url}.
   *
   * @throws SaphanException {@code egress_refused}; {@code upstream_unavailable} (timeout,
   *     connection refused, 5xx); {@code upstream_bad_response} with reason {@code
   *     unexpected_status} (other non-2xx), {@code wrong_content_type}, {@code malformed_json} or
   *     {@code response_too_large}
   */
  public JsonNode fetch(URI url, AllowList allow) {
    EgressResponse response = client.execute(EgressRequest.get(url).withAccept(JSON), allow);
    int status = response.status();
    if (status >= 500) {
      throw EgressProblems.unavailable(url, status);
    }
    if (status < 200 || status >= 300 || status == 204) {
      throw EgressProblems.badResponse(
          url, EgressProblems.UNEXPECTED_STATUS, status, "HTTP " + status);
    }
    if (!isJson(response.contentType())) {
      throw EgressProblems.badResponse(
          url,
          EgressProblems.WRONG_CONTENT_TYPE,
          status,
          "content type " + response.contentType() + " is not " + JSON);
    }
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw EgressProblems.badResponse(url, EgressProblems.MALFORMED_JSON, status, "empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw EgressProblems.badResponse(
          url,
          EgressProblems.MALFORMED_JSON,
          status,
          "not well-formed JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw EgressProblems.badResponse(
          url, EgressProblems.MALFORMED_JSON, status, "unreadable body: " + e.getMessage());
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals(JSON) || (type.startsWith("application/") && type.endsWith("+json"));
  }
}
