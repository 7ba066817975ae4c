package org.saphan.hub.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.saphan.hub.api.ApiErrors;
import org.saphan.hub.api.Problems;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.identity.Caller;
import org.saphan.hub.platform.SaphanProperties;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

class ErrorResponsesTest {

  private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

  private static final Problems PROBLEMS = new Problems(JSON, new SaphanProperties());

  /** Two handlers: a citizen's read, and a SOAP report. */
  static final class Fixture {
    @ApiErrors(ErrorCode.APPLICATION_NOT_FOUND)
    Object read(Caller caller) {
      return null;
    }

    @ApiErrors(ErrorCode.SIGNATURE_INVALID)
    Object report(@RequestBody byte[] envelope) {
      return null;
    }
  }

  private static OpenAPI describe() throws Exception {
    RequestMappingHandlerMapping mappings = new RequestMappingHandlerMapping();
    mappings.registerMapping(
        RequestMappingInfo.paths("/api/v1/things/{id}").methods(RequestMethod.GET).build(),
        new Fixture(),
        Fixture.class.getDeclaredMethod("read", Caller.class));
    mappings.registerMapping(
        RequestMappingInfo.paths("/agency/soap/v1/status").methods(RequestMethod.POST).build(),
        new Fixture(),
        Fixture.class.getDeclaredMethod("report", byte[].class));
    ApiExamples examples =
        ApiExamples.load(
            new PathMatchingResourcePatternResolver(), "openapi-fixtures/examples/", JSON);
    OpenAPI api =
        new OpenAPI()
            .paths(
                new Paths()
                    .addPathItem("/api/v1/things/{id}", new PathItem().get(operation("readThing")))
                    .addPathItem(
                        "/agency/soap/v1/status", new PathItem().post(operation("reportThing"))));
    new ErrorResponses(mappings, PROBLEMS, JSON, examples).customise(api);
    return api;
  }

  private static Operation operation(String id) {
    return new Operation()
        .operationId(id)
        .responses(
            new ApiResponses()
                .addApiResponse(
                    "200",
                    new ApiResponse()
                        .description("Done")
                        .content(new Content().addMediaType("application/json", new MediaType()))));
  }

  @Test
  void shouldGroupRefusalsByStatusWithCodesAndExamplesWhenAHandlerDeclaresThem() throws Exception {
    // when
    OpenAPI api = describe();
    Operation read = api.getPaths().get("/api/v1/things/{id}").getGet();
    // then: one response per status, its codes listed, one problem example per code
    ApiResponse notFound = read.getResponses().get("404");
    assertThat(notFound.getExtensions().get(ErrorResponses.CODES))
        .isEqualTo(List.of("application_not_found"));
    MediaType problem = notFound.getContent().get("application/problem+json");
    assertThat(problem.getSchema().get$ref()).isEqualTo("#/components/schemas/Problem");
    assertThat(problem.getExamples().get("application_not_found").get$ref())
        .isEqualTo("#/components/examples/application_not_found");
    @SuppressWarnings("unchecked")
    Map<String, Object> example =
        (Map<String, Object>)
            api.getComponents().getExamples().get("application_not_found").getValue();
    assertThat(example)
        .containsEntry("code", "application_not_found")
        .containsEntry("status", 404)
        .containsEntry("title", ErrorCode.APPLICATION_NOT_FOUND.title())
        .containsEntry(
            "type",
            PROBLEMS.problem(ErrorCode.APPLICATION_NOT_FOUND, "x", Map.of()).getType().toString())
        .containsEntry("correlationId", ErrorResponses.EXAMPLE_CORRELATION_ID);
    assertThat(read.getResponses().get("401").getExtensions().get(ErrorResponses.CODES))
        .isEqualTo(
            List.of(
                "algorithm_not_allowed",
                "citizen_id_invalid",
                "citizen_id_missing",
                "signature_invalid",
                "token_expired",
                "token_invalid",
                "token_missing",
                "token_not_yet_valid",
                "unknown_key",
                "wrong_audience",
                "wrong_issuer"));
    assertThat(api.getComponents().getSchemas()).containsKey(ErrorResponses.PROBLEM);
    assertThat(read.getResponses().get("429").getHeaders()).containsKey("Retry-After");
    assertThat(read.getSecurity()).hasSize(1);
    assertThat(read.getSecurity().get(0)).containsKey(OperationRules.BEARER);
  }

  @Test
  void shouldDeclareTheBearerChallengeOnA401WhenTheOperationTakesATokenOrAStepUp()
      throws Exception {
    // when
    OpenAPI api = describe();
    ApiResponse unauthorized =
        api.getPaths().get("/api/v1/things/{id}").getGet().getResponses().get("401");
    // then: the header as ApiExceptionHandler sends it; the step-up form where a floor applies
    assertThat(unauthorized.getHeaders().get("WWW-Authenticate").getDescription())
        .isEqualTo(ErrorResponses.challengeDescription(java.util.Set.of("token_missing")))
        .doesNotContain("insufficient_user_authentication");
    assertThat(
            ErrorResponses.challengeDescription(
                java.util.Set.of("token_missing", "insufficient_assurance")))
        .contains(
            "`Bearer error=\"insufficient_user_authentication\", error_description=\"identity"
                + " assurance level 2.3 or higher is required\","
                + " acr_values=\"urn:saphan:ial:2.3 urn:saphan:ial:3\"`");
  }

  @Test
  void shouldDescribeSoapFaultsInXmlWhenTheOperationTakesSoap() throws Exception {
    // when
    Operation report = describe().getPaths().get("/agency/soap/v1/status").getPost();
    // then: the handler's refusals are faults under 500, the code also in a header
    ApiResponse fault = report.getResponses().get("500");
    assertThat(fault.getExtensions().get(ErrorResponses.CODES))
        .isEqualTo(List.of("internal_error", "signature_invalid"));
    assertThat(
            (String)
                fault
                    .getContent()
                    .get("text/xml")
                    .getExamples()
                    .get("signature_invalid")
                    .getValue())
        .contains("<faultcode>soap:Client</faultcode>")
        .contains("<sst:Code>signature_invalid</sst:Code>");
    assertThat(fault.getHeaders()).containsKey("X-Saphan-Error-Code");
    assertThat(report.getResponses()).doesNotContainKey("401");
    assertThat(report.getDescription()).isEqualTo(ErrorResponses.SOAP_NOTE);
  }

  @Test
  void shouldAttachTheExampleFileWhenOneNamesTheOperationAndStatus() throws Exception {
    // when: openapi-fixtures/examples/readThing.200.json
    Operation read = describe().getPaths().get("/api/v1/things/{id}").getGet();
    // then
    Object value =
        read.getResponses()
            .get("200")
            .getContent()
            .get("application/json")
            .getExamples()
            .get(ApiExamples.NAME)
            .getValue();
    assertThat(value).isEqualTo(Map.of("id", "dcy-newborn-grant", "status", "received"));
  }
}
