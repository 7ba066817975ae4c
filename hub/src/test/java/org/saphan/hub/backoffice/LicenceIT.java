package org.saphan.hub.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.saphan.hub.security.KeyDescriptor;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.KeyMaintenance;
import org.saphan.hub.security.Signing;
import org.saphan.hub.security.SigningKey;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Licence verification against the real signing keys: expired and revoked licences fail, unknown
 * ids are not found, licences are private to their holder, and a licence near its expiry is
 * announced to the portal once. Licences with chosen dates are made with {@link
 * LicenceIssuer#issueAt} (the operators' tool), on cases that have none.
 */
class LicenceIT extends BackOfficeSupport {

  @Autowired Licences licences;
  @Autowired LicenceIssuer issuer;
  @Autowired Clock clock;
  @Autowired Signing signing;
  @Autowired KeyMaintenance keyMaintenance;

  @Test
  void shouldAnswerExpiredWhenTheLicenceIsPastItsExpiry() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-malee", DLD_SERVICE, DLD_FORM);
    Instant now = clock.instant();
    Licences.Licence licence =
        issuer.issueAt(id, now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
    // when
    JsonNode verified = ok(get("/api/v1/licences/" + licence.id() + "/verify"));
    // then
    assertThat(verified.path("valid").asBoolean()).isFalse();
    assertThat(verified.path("reason").asText()).isEqualTo("expired");
    assertThat(verified.path("licence").path("id").asText()).isEqualTo(licence.id());
  }

  @Test
  void shouldAnswerRevokedWhenTheAgencyRevokedTheLicence() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    Instant now = clock.instant();
    Licences.Licence licence = issuer.issueAt(id, now, now.plus(Duration.ofDays(365)));
    assertThat(ok(get("/api/v1/licences/" + licence.id() + "/verify")).path("valid").asBoolean())
        .isTrue();
    // when
    assertProblem(
        post(
            "/backoffice/v1/licences/" + licence.id() + "/revoke",
            "officer-dsd-1",
            "{\"reason\":\"x\"}"),
        403,
        "agency_role_required");
    ok(
        post(
            "/backoffice/v1/licences/" + licence.id() + "/revoke",
            "admin-dsd",
            "{\"reason\":\"ออกให้ผิดคน\"}"));
    // then
    JsonNode verified = ok(get("/api/v1/licences/" + licence.id() + "/verify"));
    assertThat(verified.path("valid").asBoolean()).isFalse();
    assertThat(verified.path("reason").asText()).isEqualTo("revoked");
  }

  @Test
  void shouldAnswerLicenceNotFoundWhenTheIdIsUnknown() throws Exception {
    assertProblem(get("/api/v1/licences/LIC-DSD-2026-0000000000/verify"), 404, "licence_not_found");
  }

  @Test
  void shouldHideALicenceFromOtherCitizensWhenTheyAskForIt() throws Exception {
    // given
    String id = applyAndAwaitCase("citizen-malee", DLD_SERVICE, DLD_FORM);
    Instant now = clock.instant();
    Licences.Licence licence = issuer.issueAt(id, now, now.plus(Duration.ofDays(365)));
    // when / then
    assertProblem(
        get("/api/v1/licences/" + licence.id(), "citizen-somchai"), 404, "licence_not_found");
    assertProblem(
        get("/api/v1/licences/" + licence.id(), "officer-dsd-1"), 404, "licence_not_found");
    assertThat(get("/api/v1/licences/" + licence.id(), "citizen-malee").statusCode())
        .isEqualTo(200);
    assertThat(get("/api/v1/licences/" + licence.id(), "officer-dld").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldTellThePortalOnceWhenALicenceIsAboutToExpire() throws Exception {
    // given: a licence expiring in 20 days (DLD's notice: 30 days before)
    String id = applyAndAwaitCase("citizen-malee", DLD_SERVICE, DLD_FORM);
    Instant now = clock.instant();
    Licences.Licence licence =
        issuer.issueAt(id, now.minus(Duration.ofDays(710)), now.plus(Duration.ofDays(20)));
    // when: the expiry check runs twice
    JsonNode first = ok(post("/ops/v1/licences/expiry-check", "operator", "{}"));
    ok(post("/ops/v1/licences/expiry-check", "operator", "{}"));
    // then: one licence.expiring event for it, delivered to the portal
    assertThat(first.path("notified").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode events = ok(get("/ops/v1/portal-events?applicationId=" + id, "operator"));
    assertThat(events.findValuesAsText("status")).containsOnlyOnce("licence_expiring");
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(sandbox("/sandbox/v1/portal/events?applicationId=" + id).toString())
                    .contains("licence.expiring")
                    .contains(licence.id()));
  }

  @Test
  void shouldCapTheCredentialAtItsKeysEndAndReSignItWhenTheKeyRotates() throws Exception {
    // given: a licence valid for ten years, longer than any key certificate
    String id = applyAndAwaitCase("citizen-somchai", DSD_SERVICE, DSD_FORM);
    Instant now = clock.instant();
    Licences.Licence licence = issuer.issueAt(id, now, now.plus(Duration.ofDays(3652)));
    SigningKey first = signing.keyRing().current(KeyFamily.EC_P256);
    Instant firstEnd = first.certificate().getNotAfter().toInstant();
    // then: the credential ends with its certificate; the licence keeps its own expiry
    assertThat(licence.kid()).isEqualTo(first.kid());
    assertThat(expiry(licence.credential())).isEqualTo(firstEnd);
    assertThat(licence.expiresAt()).isAfter(firstEnd);
    // when: the key rotates and the renewal runs
    KeyDescriptor rotated = keyMaintenance.rotate(KeyFamily.EC_P256);
    int renewed = issuer.renewCredentials(clock.instant());
    // then: the stored credential is re-signed by the new key, covering its certificate's life
    Licences.Licence after = licences.find(licence.id()).orElseThrow();
    assertThat(renewed).isGreaterThanOrEqualTo(1);
    assertThat(after.kid()).isEqualTo(rotated.kid());
    assertThat(expiry(after.credential())).isEqualTo(rotated.notAfter()).isAfter(firstEnd);
    assertThat(ok(get("/api/v1/licences/" + licence.id() + "/verify")).path("valid").asBoolean())
        .isTrue();
    assertThat(issuer.renewCredentials(clock.instant()))
        .as("nothing left to renew for this licence")
        .isZero();
  }

  private static Instant expiry(String credential) throws Exception {
    return SignedJWT.parse(credential).getJWTClaimsSet().getExpirationTime().toInstant();
  }
}
