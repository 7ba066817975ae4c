package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.saphan.hub.support.HubIntegrationTest;

/** What the pre-fill tests share: consent, pre-fill calls and the GDX simulator's controls. */
abstract class PrefillTestSupport extends HubIntegrationTest {

  static final ObjectMapper JSON = new ObjectMapper();

  /** DLD livestock farmer registration: pre-fill under consent (lawfulBasis consent). */
  static final String SERVICE = "3-038";

  static final String AGREEMENT = "dld-livestock-farmer-registration";
  static final String AGENT = "1103700112235";

  // --- helpers ---

  JsonNode prefill(String persona) throws Exception {
    return JSON.readTree(prefillResponse(persona).body());
  }

  HttpResponse<String> prefillResponse(String persona) throws Exception {
    return get("/api/v1/citizens/me/prefill/" + SERVICE, persona);
  }

  /** Grants the agreement; {@code lapsesIn}, when given, counts from just before the call. */
  String grant(String persona, String categories, Duration lapsesIn) throws Exception {
    withdrawAll(persona);
    Instant expiresAt = lapsesIn == null ? null : Instant.now().plus(lapsesIn);
    String body =
        "{\"agreementId\":\""
            + AGREEMENT
            + "\""
            + (categories == null ? "" : ",\"categories\":" + categories)
            + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"")
            + "}";
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/consents"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)),
            persona);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("id").asText();
  }

  void withdrawAll(String persona) throws Exception {
    JsonNode mine = JSON.readTree(get("/api/v1/consents", persona).body());
    for (JsonNode consent : mine.path("consents")) {
      // Only this agreement's: other tests rely on the persona's other consents.
      if (consent.path("status").asText().equals("active")
          && consent.path("agreementId").asText().equals(AGREEMENT)) {
        send(
            HttpRequest.newBuilder(uri("/api/v1/consents/" + consent.path("id").asText())).DELETE(),
            persona);
      }
    }
  }

  static void sandboxDelete(String path) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(ENV.sandboxUrl() + path)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
