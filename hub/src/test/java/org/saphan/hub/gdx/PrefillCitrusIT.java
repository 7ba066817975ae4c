package org.saphan.hub.gdx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citrusframework.dsl.JsonPathSupport.jsonPath;
import static org.citrusframework.http.actions.HttpActionBuilder.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.citrusframework.TestCaseRunner;
import org.citrusframework.annotations.CitrusResource;
import org.citrusframework.annotations.CitrusTest;
import org.citrusframework.http.client.HttpClient;
import org.citrusframework.http.client.HttpClientBuilder;
import org.citrusframework.junit.jupiter.CitrusSupport;
import org.citrusframework.message.MessageType;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Pre-fill over the wire, driven by Citrus: partial consent gives exactly those categories. */
@CitrusSupport
class PrefillCitrusIT extends PrefillTestSupport {

  private final HttpClient hub = new HttpClientBuilder().requestUrl(ENV.hubUrl()).build();

  @Test
  @CitrusTest
  void shouldReturnExactlyTheConsentedCategoriesWithProvenanceWhenConsentIsPartial(
      @CitrusResource TestCaseRunner t) throws Exception {
    // given: citizen-somying consents to identity only
    grant("citizen-somying", "[\"identity\"]", null);
    // when
    t.$(
        http()
            .client(hub)
            .send()
            .get("/api/v1/citizens/me/prefill/" + SERVICE)
            .message()
            .header("Authorization", "Bearer " + token("citizen-somying")));
    // then
    t.$(
        http()
            .client(hub)
            .receive()
            .response(HttpStatus.OK)
            .message()
            .type(MessageType.JSON)
            .validate(
                jsonPath()
                    .expression("$.categories.size()", 1)
                    .expression("$.categories[0]", "identity")
                    .expression("$.missingCategories[0]", "household")
                    .expression("$.fields.citizenId", "1234567890121")
                    .expression("$.fields.firstNameTh", "สมหญิง")
                    .expression("$.provenance.firstNameTh.source", "gdx:dopa-linkage:001")));
    JsonNode prefill = prefill("citizen-somying");
    assertThat(prefill.path("fields").has("houseNo")).isFalse();
    assertThat(prefill.path("fields").has("province")).isFalse();
    withdrawAll("citizen-somying");
  }
}
