package org.saphan.sandbox.gdx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A GDX client for the tests, speaking to the simulator over HTTP on its random port. */
final class GdxClient {

  static final String CONSUMER_KEY = "sandbox-gdx-consumer-key";
  static final String CONSUMER_SECRET = "sandbox-gdx-consumer-secret";

  /** The officer-dcy persona: the registered agent. */
  static final String AGENT = "1103700112235";

  static final String VALIDATE = "/ws/auth/validate";
  static final String PERMISSION = "/ws/dopa/linkage/v1/agent/permission";
  static final String LINK = "/ws/dopa/linkage/v1/link";
  static final String VERIFICATION = "/ws/dopa/verification/personal";

  private final TestRestTemplate rest;

  GdxClient(TestRestTemplate rest) {
    this.rest = rest;
  }

  ResponseEntity<JsonNode> login(String consumerKey, String consumerSecret, String agentId) {
    return get(
        VALIDATE,
        headers(consumerKey, null),
        params("ConsumerSecret", consumerSecret, "AgentID", agentId));
  }

  /** Logs in as the registered agent and returns the token. */
  String token() {
    ResponseEntity<JsonNode> answer = login(CONSUMER_KEY, CONSUMER_SECRET, AGENT);
    if (answer.getStatusCode() != HttpStatus.OK) {
      throw new IllegalStateException("login failed: " + answer);
    }
    return answer.getBody().get("Result").asText();
  }

  ResponseEntity<JsonNode> link(String token, String serviceId, String citizenId) {
    return link(CONSUMER_KEY, token, "00023", serviceId, "01", citizenId);
  }

  ResponseEntity<JsonNode> link(
      String consumerKey,
      String token,
      String officeId,
      String serviceId,
      String version,
      String citizenId) {
    return get(
        LINK,
        headers(consumerKey, token),
        params(
            "OfficeID",
            officeId,
            "ServiceID",
            serviceId,
            "Version",
            version,
            "CitizenID",
            citizenId));
  }

  ResponseEntity<JsonNode> verify(
      String token,
      String citizenId,
      String firstName,
      String lastName,
      String beBirthDate,
      String laserCode) {
    return get(
        VERIFICATION,
        headers(CONSUMER_KEY, token),
        params(
            "CitizenID",
            citizenId,
            "FirstName",
            firstName,
            "LastName",
            lastName,
            "BEBirthDate",
            beBirthDate,
            "LaserCode",
            laserCode));
  }

  ResponseEntity<JsonNode> permission(String consumer, String agentId) {
    return get(PERMISSION, new HttpHeaders(), params("Consumer", consumer, "CitizenID", agentId));
  }

  ResponseEntity<JsonNode> control(String path, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return rest.exchange(
        "/sandbox/v1/gdx" + path, HttpMethod.POST, new HttpEntity<>(body, headers), JsonNode.class);
  }

  void reset() {
    expectOk(control("/reset", Map.of()));
  }

  void advanceMinutes(long minutes) {
    expectOk(control("/clock", Map.of("advanceMinutes", minutes)));
  }

  void fault(String mode) {
    expectOk(control("/faults", Map.of("mode", mode)));
  }

  void fault(String mode, long delayMillis, String code) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("mode", mode);
    body.put("delayMillis", delayMillis);
    if (code != null) {
      body.put("code", code);
    }
    expectOk(control("/faults", body));
  }

  void session(String agentId, String state) {
    expectOk(control("/agents/" + agentId + "/session", Map.of("state", state)));
  }

  JsonNode calls() {
    return rest.getForEntity("/sandbox/v1/gdx/calls", JsonNode.class).getBody();
  }

  ResponseEntity<Void> clearCalls() {
    return rest.exchange("/sandbox/v1/gdx/calls", HttpMethod.DELETE, null, Void.class);
  }

  ResponseEntity<JsonNode> get(String path, HttpHeaders headers, Map<String, String> params) {
    StringBuilder template = new StringBuilder(path);
    List<String> values = new ArrayList<>();
    params.forEach(
        (name, value) -> {
          template
              .append(values.isEmpty() ? '?' : '&')
              .append(name)
              .append("={v")
              .append(values.size())
              .append('}');
          values.add(value);
        });
    return rest.exchange(
        template.toString(),
        HttpMethod.GET,
        new HttpEntity<>(headers),
        JsonNode.class,
        values.toArray());
  }

  static HttpHeaders headers(String consumerKey, String token) {
    HttpHeaders headers = new HttpHeaders();
    if (consumerKey != null) {
      headers.set("Consumer-Key", consumerKey);
    }
    if (token != null) {
      headers.set("Token", token);
    }
    return headers;
  }

  /** Name-value pairs; a null value leaves the parameter out. */
  static Map<String, String> params(String... namesAndValues) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        params.put(namesAndValues[i], namesAndValues[i + 1]);
      }
    }
    return params;
  }

  private static void expectOk(ResponseEntity<?> answer) {
    if (!answer.getStatusCode().is2xxSuccessful()) {
      throw new IllegalStateException("control call failed: " + answer);
    }
  }
}
