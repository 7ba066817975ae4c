package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.FormSchemas;
import org.saphan.catalog.MappingKey;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingFormat;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingOutput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.catalog.settings.FormSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks application data against the JSON Schemas its card names, under the catalog's one schema
 * configuration ({@link FormSchemas}: formats asserted, Thai formats known): the form ({@code
 * form.schema}) and, where the card declares it, the agency request the application maps to ({@code
 * api.requestSchema}). Refusals name the field and the rule, never the value.
 */
public class FormValidator {

  private static final Logger log = LoggerFactory.getLogger(FormValidator.class);
  private static final ObjectMapper JSON = Json.strict();

  private final Path home;
  private final MappingRunner mappings;
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

  public FormValidator(Path home, MappingRunner mappings) {
    this.home = home;
    this.mappings = mappings;
  }

  /**
   * Refuses form data that does not fit the card's form schema, listing every problem.
   *
   * @throws SaphanException {@code form_invalid} with {@code errors: [{path, keyword, format?,
   *     reason}]}, paths relative to the form
   */
  public void validate(ConnectorCard card, JsonNode form) {
    validate(card, form, null);
  }

  /**
   * Refuses an application whose form does not fit the card's form schema, or whose typed {@code
   * applicant} ({@link FormSchemas#applicant()}) has a bad postcode, email or date, listing every
   * problem with paths into the request ({@code /form/...}, {@code /applicant/...}).
   *
   * @throws SaphanException {@code form_invalid} with {@code errors: [{path, keyword, format?,
   *     reason}]}
   */
  public void validate(ConnectorCard card, JsonNode form, JsonNode applicant) {
    Optional<String> schemaPath = card.form().map(FormSettings::schema);
    List<FormSchemas.Problem> problems = new ArrayList<>();
    if (schemaPath.isPresent()) {
      List<FormSchemas.Problem> formProblems =
          FormSchemas.check(schemas.computeIfAbsent(schemaPath.get(), this::load), form);
      problems.addAll(applicant == null ? formProblems : under("/form", formProblems));
    } else if (form != null && !form.isObject()) {
      throw SaphanException.validation(ErrorCode.FORM_INVALID, "form must be a JSON object");
    }
    if (applicant != null && !applicant.isMissingNode() && !applicant.isNull()) {
      problems.addAll(under("/applicant", FormSchemas.check(FormSchemas.applicant(), applicant)));
    }
    if (!problems.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.FORM_INVALID,
          "the form does not fit the service's form schema (" + problems.size() + " problems)",
          Map.of("errors", problems.stream().map(FormSchemas.Problem::toMap).toList()));
    }
  }

  /**
   * Maps the canonical application as the delivery will and refuses it when the agency's request
   * schema ({@code api.requestSchema}) says the agency would reject it. Cards without a request
   * schema, and SOAP agencies (whose requests are XML), are not checked.
   *
   * @throws SaphanException {@code agency_request_invalid} (422) with {@code errors: [{path,
   *     keyword, format?, reason}]}, paths into the agency request
   */
  public void validateAgencyRequest(ConnectorCard card, JsonNode application) {
    Optional<String> schemaPath = card.api().flatMap(ApiSettings::requestSchema);
    Optional<Path> mapping = card.mappingFile(MappingKey.REQUEST);
    if (schemaPath.isEmpty() || mapping.isEmpty()) {
      return;
    }
    MappingOutput output;
    try {
      output = mappings.run(mapping.get(), MappingInput.json(application));
    } catch (MappingException e) {
      // The delivery would fail the same way (a dead letter naming the cause); the reason may
      // quote the input, so only the mapping is named here. `./saphan validate` reproduces it.
      log.warn("Request mapping {} of {} failed at intake", mapping.get(), card.name());
      throw SaphanException.system(
          ErrorCode.INTERNAL_ERROR, "the agency request cannot be built for " + card.name(), null);
    }
    if (output.format() != MappingFormat.JSON) {
      return;
    }
    JsonNode request;
    try {
      request = JSON.readTree(output.text());
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.INTERNAL_ERROR, "the request mapping of " + card.name() + " gave no JSON", e);
    }
    List<FormSchemas.Problem> problems =
        FormSchemas.check(schemas.computeIfAbsent(schemaPath.get(), this::load), request);
    if (!problems.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.AGENCY_REQUEST_INVALID,
          "the application would be refused by "
              + card.agencyCode()
              + ": "
              + problems.get(0).path()
              + " "
              + problems.get(0).reason(),
          Map.of("errors", problems.stream().map(FormSchemas.Problem::toMap).toList()));
    }
  }

  private static List<FormSchemas.Problem> under(
      String prefix, List<FormSchemas.Problem> problems) {
    return problems.stream()
        .map(
            p ->
                new FormSchemas.Problem(
                    p.path().equals("/") ? prefix : prefix + p.path(),
                    p.keyword(),
                    p.format(),
                    p.reason()))
        .toList();
  }

  private JsonSchema load(String relative) {
    try {
      return FormSchemas.compile(FormSchemas.read(home.resolve(relative)));
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.INTERNAL_ERROR, "schema " + relative + " cannot be read", e);
    }
  }
}
