package org.saphan.hub.api.openapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.saphan.catalog.IalLevels;
import org.saphan.hub.api.AgencySoapStatusController;
import org.saphan.hub.api.Problems;
import org.saphan.hub.error.ErrorCode;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The operation customizer of the API description: on every operation, the refusals of {@link
 * OperationRules} as responses grouped by HTTP status (each a {@code application/problem+json}
 * {@value #PROBLEM} with an {@value #CODES} list and one example per code, the one {@link Problems}
 * builds), SOAP faults where the handler answers in SOAP, the security scheme, and the example
 * files of {@link ApiExamples}.
 */
@Component
public class ErrorResponses implements OpenApiCustomizer {

  /** The component schema of a problem document. */
  public static final String PROBLEM = "Problem";

  /** The extension listing, on a response, every code the operation can answer with its status. */
  public static final String CODES = "x-error-codes";

  /** The correlation id shown in examples (real answers carry the request's). */
  static final String EXAMPLE_CORRELATION_ID = "7d0e6c1a-3f5b-4c2e-9a8d-1b2c3d4e5f60";

  /** Added to the description of a SOAP operation: how it authenticates and how it refuses. */
  static final String SOAP_NOTE =
      "SOAP 1.1 (document/literal, contract at ?wsdl). Authentication: the StatusReport in the"
          + " Body carries an enveloped XML-DSig signature by the key the service's connector card"
          + " registers (no header). The handler's refusals are SOAP faults, HTTP 500 text/xml"
          + " (WS-I Basic Profile R1126), with the code in the fault detail and in"
          + " X-Saphan-Error-Code; the request filters' refusals stay problem+json.";

  private static final String EXAMPLES = "#/components/examples/";

  private static final String PROBLEM_JSON =
      org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
  private static final String TEXT_XML = org.springframework.http.MediaType.TEXT_XML_VALUE;

  private final RequestMappingHandlerMapping mappings;
  private final Problems problems;
  private final ObjectMapper json;
  private final ApiExamples examples;

  public ErrorResponses(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings,
      Problems problems,
      ObjectMapper json,
      ApiExamples examples) {
    this.mappings = mappings;
    this.problems = problems;
    this.json = json;
    this.examples = examples;
  }

  @Override
  public void customise(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(new Components());
    }
    // Here rather than in the OpenAPI bean: springdoc drops schemas nothing refers to yet.
    api.getComponents().addSchemas(PROBLEM, problemSchema());
    Map<String, List<HandlerMethod>> handlers = handlersByOperation(mappings);
    if (api.getPaths() != null) {
      api.getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach(
                          (method, operation) -> {
                            List<HandlerMethod> served = handlers.get(key(method.name(), path));
                            if (served != null) {
                              describe(api.getComponents(), method, path, operation, served);
                            }
                          }));
    }
    if (api.getTags() != null) {
      List<Tag> tags = new ArrayList<>(api.getTags());
      tags.sort(Comparator.comparing(Tag::getName));
      api.setTags(tags);
    }
  }

  private void describe(
      Components components,
      PathItem.HttpMethod method,
      String path,
      Operation operation,
      List<HandlerMethod> served) {
    OperationRules.Facts facts = OperationRules.of(method.name(), path, served);
    if (!facts.security().isEmpty()) {
      operation.setSecurity(
          facts.security().stream().map(s -> new SecurityRequirement().addList(s)).toList());
    }
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    Map<Integer, Set<ErrorCode>> byStatus = new TreeMap<>();
    facts.problems().forEach(c -> byStatus.computeIfAbsent(c.httpStatus(), s -> codes()).add(c));
    byStatus.forEach(
        (status, codes) -> {
          ApiResponse response = response(operation, status, codes);
          response.getContent().addMediaType(PROBLEM_JSON, problemContent(components, codes));
        });
    if (!facts.soapFaults().isEmpty()) {
      String said = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
      operation.setDescription(said + SOAP_NOTE);
      ApiResponse response = response(operation, 500, facts.soapFaults());
      response.getContent().addMediaType(TEXT_XML, faultContent(facts.soapFaults()));
      response.addHeaderObject(
          AgencySoapStatusController.ERROR_CODE_HEADER,
          new Header()
              .description("The error code of the fault, as in its detail")
              .schema(new Schema<>().types(Set.of("string"))));
    }
    examples.attach(operation);
  }

  /** The operation's response for {@code status}, created if absent, its codes added. */
  private static ApiResponse response(Operation operation, int status, Set<ErrorCode> codes) {
    String key = Integer.toString(status);
    ApiResponse response = operation.getResponses().get(key);
    if (response == null) {
      response = new ApiResponse();
      operation.getResponses().addApiResponse(key, response);
    }
    if (response.getContent() == null) {
      response.setContent(new Content());
    }
    Set<String> all = codes();
    Object known = response.getExtensions() == null ? null : response.getExtensions().get(CODES);
    if (known instanceof List<?> list) {
      list.forEach(c -> all.add(String.valueOf(c)));
    }
    codes.forEach(c -> all.add(c.code()));
    response.addExtension(CODES, List.copyOf(all));
    if (response.getDescription() == null || response.getDescription().isBlank()) {
      response.setDescription("Refused: see " + CODES + " and the examples");
    }
    if (status == 401
        && all.stream()
            .anyMatch(
                c -> c.startsWith("token_") || c.equals(ErrorCode.INSUFFICIENT_ASSURANCE.code()))) {
      // As ApiExceptionHandler.challenge sends it.
      response.addHeaderObject(
          org.springframework.http.HttpHeaders.WWW_AUTHENTICATE,
          new Header()
              .description(challengeDescription(all))
              .schema(new Schema<>().types(Set.of("string"))));
    }
    if (status == 429) {
      response.addHeaderObject(
          "Retry-After",
          new Header()
              .description("Whole seconds until the caller may send again")
              .schema(new Schema<>().types(Set.of("integer"))));
    }
    return response;
  }

  /**
   * What the {@code WWW-Authenticate} header of a 401 says, for the codes the operation answers.
   */
  static String challengeDescription(Set<String> codes) {
    String invalid =
        "`Bearer error=\"invalid_token\", error_description=\"<code>\"` (RFC 6750) for a"
            + " token_* refusal";
    if (!codes.contains(ErrorCode.INSUFFICIENT_ASSURANCE.code())) {
      return "The bearer challenge: " + invalid + ".";
    }
    return "The bearer challenge: "
        + invalid
        + "; for insufficient_assurance, the RFC 9470 step-up challenge `Bearer"
        + " error=\"insufficient_user_authentication\", error_description=\"identity assurance"
        + " level 2.3 or higher is required\", acr_values=\""
        + IalLevels.acrValuesAtLeast("2.3")
        + "\"`: log the citizen in again with Digital ID asking for these"
        + " `acr_values` (the problem's `acrValues`), then call again with the new token"
        + " (docs/agency/assurance.md).";
  }

  /**
   * A problem response's content: the schema and, per code, a reference to the code's example among
   * the components (each written once, not once per operation).
   */
  private MediaType problemContent(Components components, Set<ErrorCode> codes) {
    MediaType media = new MediaType().schema(new Schema<>().$ref(PROBLEM));
    for (ErrorCode code : codes) {
      if (components.getExamples() == null || !components.getExamples().containsKey(code.code())) {
        components.addExamples(
            code.code(), new Example().summary(code.title()).value(problemExample(code)));
      }
      media.addExamples(code.code(), new Example().$ref(EXAMPLES + code.code()));
    }
    return media;
  }

  private MediaType faultContent(Set<ErrorCode> codes) {
    MediaType media =
        new MediaType()
            .schema(
                new Schema<>()
                    .types(Set.of("string"))
                    .description(
                        "A SOAP 1.1 envelope whose Body is a soap:Fault: faultcode soap:Client"
                            + " (change the message) or soap:Server (send it again later),"
                            + " faultstring '<code>: <detail>', and detail/sst:Problem"
                            + " (urn:saphan:agency-status:1) with Code, Title, Detail,"
                            + " CorrelationId and Type (the code's entry in the error catalog)."));
    for (ErrorCode code : codes) {
      media.addExamples(
          code.code(),
          new Example()
              .summary(code.title())
              .value(
                  AgencySoapStatusController.faultEnvelope(
                      code,
                      exampleDetail(code),
                      EXAMPLE_CORRELATION_ID,
                      problems.type(code).toString())));
    }
    return media;
  }

  /** What {@link Problems} answers with for {@code code}, with a fixed correlation id. */
  Map<String, Object> problemExample(ErrorCode code) {
    Map<String, Object> problem =
        json.convertValue(
            problems.problem(code, exampleDetail(code), Map.of()),
            new TypeReference<LinkedHashMap<String, Object>>() {});
    problem.put("correlationId", EXAMPLE_CORRELATION_ID);
    return problem;
  }

  private static String exampleDetail(ErrorCode code) {
    return "Example: " + code.title() + " (the detail says what exactly was refused).";
  }

  /**
   * Every handler of the hub's own controllers by operation ({@code METHOD path}), path variables
   * written as the description writes them ({@code {id}}, without a pattern).
   */
  public static Map<String, List<HandlerMethod>> handlersByOperation(
      RequestMappingHandlerMapping mappings) {
    Map<String, List<HandlerMethod>> index = new TreeMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      Set<RequestMethod> methods = mapping.getKey().getMethodsCondition().getMethods();
      for (String pattern : mapping.getKey().getPatternValues()) {
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.values()) : methods) {
          index
              .computeIfAbsent(key(method.name(), template(pattern)), k -> new ArrayList<>())
              .add(mapping.getValue());
        }
      }
    }
    return index;
  }

  /** The {@value #PROBLEM} schema: what {@link Problems} answers with. */
  static Schema<Object> problemSchema() {
    List<Object> codes = Arrays.stream(ErrorCode.values()).map(c -> (Object) c.code()).toList();
    return new Schema<>()
        .types(Set.of("object"))
        .description(
            "An RFC 9457 problem: the standard members plus the hub's stable code and the"
                + " request's correlation id; some codes add members of their own (e.g. errors,"
                + " the invalid fields of validation_failed).")
        .addProperty(
            "type", text("The error's entry in the hub's error catalog").format("uri-reference"))
        .addProperty("title", text("The code's title, the same for every occurrence"))
        .addProperty(
            "status",
            new Schema<>().types(Set.of("integer")).description("The HTTP status of the answer"))
        .addProperty("detail", text("What exactly was refused in this request"))
        .addProperty("instance", text("The request path, when given").format("uri-reference"))
        .addProperty("code", text("The stable snake_case error code")._enum(codes))
        .addProperty(
            "correlationId",
            text("The request's correlation id (X-Correlation-Id): quote it to the operators"))
        .required(List.of("type", "title", "status", "code"));
  }

  private static Schema<Object> text(String description) {
    return new Schema<>().types(Set.of("string")).description(description);
  }

  /** A path pattern as the description writes it: {@code {name:regex}} becomes {@code {name}}. */
  public static String template(String pattern) {
    return pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }

  private static <T> Set<T> codes() {
    return new TreeSet<>();
  }
}
