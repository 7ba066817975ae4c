package org.saphan.hub.applications;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 8: pre-fill is decided at submission, never silently skipped. A basis that needs
 * consent the citizen has not given refuses the application; public_task pre-fills under the basis,
 * shown in who-used-my-data; a mapped request the agency's schema refuses is not delivered.
 */
class ConsentBeforeDeliveryIT extends Model3TestSupport {

  /** DLD livestock farmer registration: lawfulBasis consent, pre-fills identity and household. */
  private static final String CONSENT_SERVICE = "3-038";

  private static final String CONSENT_AGREEMENT = "dld-livestock-farmer-registration";

  private static final String FARM_FORM =
      "{\"farm\":{\"subdistrict\":\"บ้านใหม่\",\"district\":\"เมืองนครราชสีมา\","
          + "\"province\":\"นครราชสีมา\"},\"animals\":[{\"species\":\"cattle\",\"headCount\":3}]}";

  @Test
  void shouldRefuseWithConsentRequiredNamingTheAgreementAndCreateNothingWhenConsentIsMissing()
      throws Exception {
    // given: officer-dcy (a citizen here) has no consent for the DLD registration
    withdraw("officer-dcy", CONSENT_AGREEMENT);
    int before = applications("officer-dcy").size();

    // when
    HttpResponse<String> response =
        apply(
            "officer-dcy",
            UUID.randomUUID().toString(),
            "{\"serviceId\":\"" + CONSENT_SERVICE + "\",\"form\":" + FARM_FORM + "}");

    // then
    assertProblem(response, 403, "consent_required");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("agreementId").asText()).isEqualTo(CONSENT_AGREEMENT);
    assertThat(problem.path("missingCategories").toString()).contains("identity");
    assertThat(applications("officer-dcy")).hasSize(before);
  }

  @Test
  void shouldPrefillUnderPublicTaskAndShowTheBasisInWhoUsedMyDataWhenNoConsentWasGiven()
      throws Exception {
    // given: citizen-malee has no consent in force for DCY (lawfulBasis public_task)
    withdraw("citizen-malee", "dcy-newborn-grant");

    // when
    HttpResponse<String> response = apply("citizen-malee", UUID.randomUUID().toString(), body());

    // then: accepted, with the registered province pre-filled
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    String id = JSON.readTree(response.body()).path("applicationId").asText();
    JsonNode application = JSON.readTree(get("/api/v1/applications/" + id, "citizen-malee").body());
    assertThat(application.at("/applicant/address/province").asText()).contains("พิษณุโลก");
    // and the read is listed with its basis
    JsonNode uses = JSON.readTree(get("/api/v1/citizens/me/data-access", "citizen-malee").body());
    assertThat(uses)
        .anySatisfy(
            use -> {
              assertThat(use.path("action").asText()).isEqualTo("read_gdx");
              assertThat(use.path("agency").asText()).isEqualTo("dcy");
              assertThat(use.path("lawfulBasis").asText()).isEqualTo("public_task");
            });
  }

  @Test
  void shouldRefuseWithAgencyRequestInvalidNamingTheFieldWhenTheGdxBirthDateHasNoDay()
      throws Exception {
    // given: citizen-wichai's DOPA birth date is 2538-05 (day unknown), which DCY refuses (E103)
    int before = applications("citizen-wichai").size();

    // when
    HttpResponse<String> response = apply("citizen-wichai", UUID.randomUUID().toString(), body());

    // then
    assertProblem(response, 422, "agency_request_invalid");
    JsonNode errors = JSON.readTree(response.body()).path("errors");
    assertThat(errors).extracting(e -> e.path("path").asText()).contains("/applicant/birthDate");
    assertThat(applications("citizen-wichai")).hasSize(before);
  }

  private JsonNode applications(String persona) throws Exception {
    HttpResponse<String> response = get("/api/v1/applications", persona);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void withdraw(String persona, String agreement) throws Exception {
    JsonNode mine = JSON.readTree(get("/api/v1/consents", persona).body());
    for (JsonNode consent : mine.path("consents")) {
      if (consent.path("status").asText().equals("active")
          && consent.path("agreementId").asText().equals(agreement)) {
        send(
            HttpRequest.newBuilder(uri("/api/v1/consents/" + consent.path("id").asText())).DELETE(),
            persona);
      }
    }
  }
}
