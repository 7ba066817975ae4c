package org.saphan.hub.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;
import org.saphan.hub.security.KeyIds;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.support.TestEnvironment;

/** Signs notifications the way the e-Payment gateway does, with the test key directory's key. */
final class PaymentTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final char[] BASE32 = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private PaymentTestSupport() {}

  /** The gateway's key, from the key directory the test environment made. */
  static SigningKey gatewayKey() {
    return Pki.readPkcs12(
        TestEnvironment.get().keysDir().resolve("private").resolve("party-epayment.p12"),
        "epayment",
        TestEnvironment.KEYSTORE_PASSWORD.toCharArray());
  }

  /** A detached JWS (PS256, kid, iat, fresh jti) over the exact body. */
  static String sign(byte[] body, SigningKey key) {
    try {
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.PS256)
              .keyID(KeyIds.kid(key.certificate()))
              .customParam("iat", Instant.now().getEpochSecond())
              .customParam("jti", UUID.randomUUID().toString())
              .build();
      JWSObject jws = new JWSObject(header, new Payload(body));
      jws.sign(new RSASSASigner(key.privateKey()));
      return jws.serialize(true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A notification body. */
  static byte[] notification(
      String notificationId,
      String status,
      String billerId,
      String ref1,
      String ref2,
      String amount,
      Instant eventAt) {
    var n = JSON.createObjectNode();
    n.put("notificationId", notificationId);
    n.put("transactionId", "EPTEST" + notificationId.substring(0, 8).toUpperCase());
    n.put("billerId", billerId);
    n.put("ref1", ref1);
    if (ref2 != null) {
      n.put("ref2", ref2);
    }
    n.put("amount", amount);
    n.put("currency", "THB");
    n.put("status", status);
    n.put("eventAt", eventAt.atOffset(java.time.ZoneOffset.ofHours(7)).toString());
    if ("PAID".equals(status)) {
      n.put("paidAt", eventAt.atOffset(java.time.ZoneOffset.ofHours(7)).toString());
    }
    n.put("payerBank", "014");
    n.put("bankRef", "014TEST");
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String random(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return out.toString();
  }
}
