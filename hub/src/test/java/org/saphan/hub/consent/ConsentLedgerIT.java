package org.saphan.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.saphan.catalog.ThaiCitizenId;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent ledger end to end: grant, withdraw and receipts over the API; a chain that detects an
 * edited, inserted or deleted entry, the latest included; SSO releasing only what is allowed.
 */
class ConsentLedgerIT extends HubIntegrationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong SUBJECTS = new AtomicLong(System.nanoTime() % 100_000_000L);

  @Autowired ConsentLedger ledger;
  @Autowired JdbcClient jdbc;

  @Test
  void shouldGrantListReceiptAndWithdrawWhenTheCitizenUsesTheApi() throws Exception {
    // given
    HttpResponse<String> granted =
        post(
            "/api/v1/consents",
            "{\"agreementId\":\"dcy-newborn-grant\",\"categories\":[\"identity\"]}",
            "citizen-malee");
    assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
    String id = JSON.readTree(granted.body()).path("id").asText();

    // when: listed
    JsonNode mine = JSON.readTree(get("/api/v1/consents", "citizen-malee").body());
    // then
    assertThat(mine.path("consents").toString()).contains(id).contains("\"active\"");
    assertThat(mine.at("/ledger/intact").asBoolean()).isTrue();

    // when: the receipt is downloaded, it verifies with another JOSE library through the JWKS
    JsonNode receipt =
        JSON.readTree(get("/api/v1/consents/" + id + "/receipt", "citizen-malee").body());
    var claims =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(
                new HttpsJwksVerificationKeyResolver(
                    new HttpsJwks(uri("/.well-known/jwks.json").toString())))
            .setSkipDefaultAudienceValidation()
            .setExpectedIssuer(ENV.hubUrl())
            .build()
            .processToClaims(receipt.path("jws").asText());
    assertThat(claims.getJwtId()).isEqualTo(id);
    assertThat(claims.getStringListClaimValue("categories")).containsExactly("identity");

    // when: withdrawn (as easy as granting: one call)
    HttpResponse<String> withdrawn =
        send(HttpRequest.newBuilder(uri("/api/v1/consents/" + id)).DELETE(), "citizen-malee");
    // then
    assertThat(withdrawn.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(withdrawn.body()).path("status").asText()).isEqualTo("withdrawn");
    HttpResponse<String> again =
        send(HttpRequest.newBuilder(uri("/api/v1/consents/" + id)).DELETE(), "citizen-malee");
    assertThat(JSON.readTree(again.body()).path("code").asText())
        .isEqualTo("consent_already_withdrawn");
  }

  @Test
  void shouldRefuseGrantingCategoriesTheAgreementDoesNotCover() throws Exception {
    HttpResponse<String> response =
        post(
            "/api/v1/consents",
            "{\"agreementId\":\"dcy-newborn-grant\",\"categories\":[\"health_rights\"]}",
            "citizen-malee");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("validation_failed");
  }

  @Test
  void shouldRefuseWithdrawingSomeoneElsesConsent() throws Exception {
    // given
    String id =
        JSON.readTree(
                post("/api/v1/consents", "{\"agreementId\":\"dcy-newborn-grant\"}", "citizen-malee")
                    .body())
            .path("id")
            .asText();
    // when
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri("/api/v1/consents/" + id)).DELETE(), "citizen-somchai");
    // then
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("consent_not_found");
  }

  @Test
  void shouldVerifyAnUntouchedChain() {
    String subject = chainOfThree();
    assertThat(ledger.verify(subject).intact()).isTrue();
    assertThat(ledger.verify(subject).entries()).isEqualTo(3);
  }

  @Test
  void shouldDetectAnEditedEntry() {
    // given
    String subject = chainOfThree();
    // when: someone with database access widens a grant
    jdbc.sql(
            "update consent_record set categories = '{identity,household,income}' where subject = ? and seq = 1")
        .param(subject)
        .update();
    // then
    ConsentLedger.Verification verification = ledger.verify(subject);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems()).anyMatch(p -> p.contains("entry 1 was altered"));
  }

  @Test
  void shouldDetectAnInsertedEntry() {
    // given
    String subject = chainOfThree();
    // when: a forged grant is slipped in between entries 1 and 2
    jdbc.sql("update consent_record set seq = seq + 10 where subject = ? and seq >= 2")
        .param(subject)
        .update();
    jdbc.sql(
            "insert into consent_record select gen_random_uuid(), subject, 2, kind, agreement_id,"
                + " agreement_version, categories, refers_to, at, expires_at, channel,"
                + " record_hash, record_hash, signature from consent_record where subject = ?"
                + " and seq = 1")
        .param(subject)
        .update();
    // then
    assertThat(ledger.verify(subject).intact()).isFalse();
  }

  @Test
  void shouldDetectADeletedEntryInTheMiddle() {
    String subject = chainOfThree();
    jdbc.sql("delete from consent_record where subject = ? and seq = 2").param(subject).update();
    ConsentLedger.Verification verification = ledger.verify(subject);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems()).anyMatch(p -> p.contains("entry 2 is missing"));
  }

  @Test
  void shouldDetectDeletionOfTheLatestEntry() {
    // given
    String subject = chainOfThree();
    // when: the newest entry (a withdrawal) is deleted, which leaves a well-linked chain behind
    jdbc.sql("delete from consent_record where subject = ? and seq = 3").param(subject).update();
    // then: the signed head still names entry 3
    ConsentLedger.Verification verification = ledger.verify(subject);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.problems()).anyMatch(p -> p.contains("latest entries deleted"));
  }

  @Test
  void shouldDetectAForgedHeadWhenTheCheckpointIsRewrittenAfterDeletingTheLatest() {
    // given
    String subject = chainOfThree();
    jdbc.sql("delete from consent_record where subject = ? and seq = 3").param(subject).update();
    // when: the attacker also moves the head back, but cannot sign it
    jdbc.sql(
            "update consent_checkpoint set seq = 2, head_hash = (select record_hash from"
                + " consent_record where subject = ? and seq = 2) where subject = ?")
        .params(subject, subject)
        .update();
    // then
    assertThat(ledger.verify(subject).problems())
        .anyMatch(p -> p.contains("chain head's signature does not verify"));
  }

  @Test
  void shouldReleaseOnlyTheClaimsTheCitizenAllowedWhenSigningIn() throws Exception {
    // given: citizen-somchai allows only citizen_id for the DLT e-service
    HttpResponse<String> granted =
        post(
            "/api/v1/consents",
            "{\"agreementId\":\"dlt-driving-licence-renewal\",\"categories\":[\"citizen_id\"]}",
            "citizen-somchai");
    String id = JSON.readTree(granted.body()).path("id").asText();
    // when
    HttpResponse<String> link = ssoLink("citizen-somchai");
    String assertion = JSON.readTree(link.body()).at("/form/fields/assertion").asText();
    var claims = SignedJWT.parse(assertion).getJWTClaimsSet();
    // then
    assertThat(claims.getClaims())
        .containsKey("citizen_id")
        .doesNotContainKeys("given_name", "family_name");
    // and the assertion is in the message log: its hash, its key, the consent that allowed it
    String correlation = link.headers().firstValue("X-Correlation-Id").orElseThrow();
    JsonNode logged = null;
    for (JsonNode item :
        JSON.readTree(get("/ops/v1/evidence?correlationId=" + correlation, "operator").body())) {
      if (item.path("kind").asText().equals("sso_assertion")) {
        logged = item;
      }
    }
    assertThat(logged).isNotNull();
    assertThat(logged.path("messageId").asText()).isEqualTo(claims.getJWTID());
    assertThat(logged.path("exchange").asText()).isEqualTo("sso");
    assertThat(logged.path("direction").asText()).isEqualTo("out");
    assertThat(logged.path("payloadSha256").asText())
        .isEqualTo(Digests.sha256(assertion.getBytes(StandardCharsets.US_ASCII)));
    assertThat(logged.path("signatureKid").asText())
        .isEqualTo(SignedJWT.parse(assertion).getHeader().getKeyID());
    assertThat(logged.path("consentRecordId").asText()).isEqualTo(id);
    assertThat(logged.path("lawfulBasis").asText()).isEqualTo("consent");

    // when: the citizen withdraws, nothing identifying is released any more
    send(HttpRequest.newBuilder(uri("/api/v1/consents/" + id)).DELETE(), "citizen-somchai");
    assertThat(ssoClaims("citizen-somchai").getClaims())
        .doesNotContainKeys("citizen_id", "given_name", "family_name");

    // and every release is in "who used my data"
    JsonNode uses = JSON.readTree(get("/api/v1/citizens/me/data-access", "citizen-somchai").body());
    assertThat(uses.toString()).contains("release_sso").contains("dlt");

    // finally: the whole agreement granted again, so the shared persona signs in to DLT with every
    // claim the card lists for the tests after this one (ServiceCatalogIT), whatever their order
    HttpResponse<String> restored =
        post(
            "/api/v1/consents",
            "{\"agreementId\":\"dlt-driving-licence-renewal\"}",
            "citizen-somchai");
    assertThat(restored.statusCode()).as(restored.body()).isEqualTo(201);
    assertThat(ssoClaims("citizen-somchai").getClaims())
        .containsKeys("citizen_id", "given_name", "family_name");
  }

  private HttpResponse<String> ssoLink(String persona) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/api/v1/services/1-037/sso-link"))
            .POST(HttpRequest.BodyPublishers.noBody()),
        persona);
  }

  private com.nimbusds.jwt.JWTClaimsSet ssoClaims(String persona) throws Exception {
    HttpResponse<String> response = ssoLink(persona);
    return SignedJWT.parse(JSON.readTree(response.body()).at("/form/fields/assertion").asText())
        .getJWTClaimsSet();
  }

  /** A fresh subject whose chain is: grant, grant, withdrawal of the first. */
  private String chainOfThree() {
    String subject = newCitizenId();
    ConsentRecord first =
        ledger.grant(subject, "dcy-newborn-grant", List.of("identity"), null, "portal");
    ledger.grant(subject, "dcy-newborn-grant", List.of("household"), null, "app");
    ledger.withdraw(subject, first.id(), "portal");
    return subject;
  }

  private static String newCitizenId() {
    String first12 = "19" + String.format("%010d", SUBJECTS.incrementAndGet());
    return first12 + ThaiCitizenId.checkDigit(first12);
  }

  private HttpResponse<String> post(String path, String json, String persona) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        persona);
  }

  @SuppressWarnings("unused")
  private static UUID uuid(String value) {
    return UUID.fromString(value);
  }
}
