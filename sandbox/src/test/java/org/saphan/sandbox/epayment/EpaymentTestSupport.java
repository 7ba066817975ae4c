package org.saphan.sandbox.epayment;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sandbox on a random port with a throwaway key directory (made with Bouncy Castle in a
 * {@code @TempDir}), a stand-in hub receiving notifications, the SFTP server on a free port rooted
 * in the temp directory, fast retries. Each test class gets its own context, closed after it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sandbox.digital-id.port=0",
      "sandbox.sftp.port=0",
      "sandbox.epayment.retry-initial-delay=100ms",
      "sandbox.epayment.retry-max-delay=400ms",
      "sandbox.epayment.max-attempts=4"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class EpaymentTestSupport {

  static final String BILLER = "099400098765001";

  @TempDir static Path workDir;

  private static TestKeys keys;
  private static HubStub hub;

  @Autowired TestRestTemplate rest;

  @DynamicPropertySource
  static void sandbox(DynamicPropertyRegistry registry) {
    registry.add("sandbox.keys.dir", () -> keys().dir().toString());
    registry.add("SAPHAN_KEYSTORE_PASSWORD", () -> TestKeys.PASSWORD);
    registry.add("sandbox.hub.base-url", () -> hub().baseUrl());
    registry.add("sandbox.sftp.root", () -> workDir.resolve("sftp").toString());
  }

  static synchronized TestKeys keys() {
    if (keys == null) {
      keys = TestKeys.create(workDir.resolve("keys"));
    }
    return keys;
  }

  static synchronized HubStub hub() {
    if (hub == null) {
      hub = HubStub.start();
    }
    return hub;
  }

  @AfterAll
  static synchronized void stopHub() {
    if (hub != null) {
      hub.close();
      hub = null;
    }
    keys = null;
  }

  @BeforeEach
  void resetSimulator() {
    rest.postForEntity("/sandbox/v1/epayment/reset", null, Void.class);
    hub().reset();
  }

  /** Pays {@code amount} for {@code ref1} as citizen-somchai with a dynamic Thai QR. */
  ResponseEntity<JsonNode> payQr(String ref1, String amount) {
    String qr = new BillPaymentQr(BILLER, ref1, null, new BigDecimal(amount)).toPayload();
    return pay(Map.of("qrPayload", qr, "payer", "citizen-somchai"));
  }

  ResponseEntity<JsonNode> pay(Map<String, ?> body) {
    return rest.postForEntity("/sandbox/v1/epayment/payments", body, JsonNode.class);
  }

  ResponseEntity<JsonNode> faults(Map<String, ?> body) {
    return rest.postForEntity("/sandbox/v1/epayment/faults", body, JsonNode.class);
  }

  JsonNode notifications() {
    return rest.getForObject("/sandbox/v1/epayment/notifications", JsonNode.class);
  }

  static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
