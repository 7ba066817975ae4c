package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.platform.Json;

/**
 * The check route's {@code mapAnswer} step: the verified answer through the operation's response
 * mapping to the canonical check result ({@code found}, {@code status}, {@code items}, {@code
 * amountsDue}, {@code validUntil}...). The result must be about this question and this citizen (the
 * mapped {@code requestId} and {@code citizenId}, when the agency echoes them) and say whether the
 * agency found something; otherwise {@code agency_answer_invalid}.
 */
public class MapAnswer implements Processor {

  private static final ObjectMapper JSON = Json.strict();

  private final MappingRunner mappings;

  public MapAnswer(MappingRunner mappings) {
    this.mappings = mappings;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    String what = check.card().name() + "/" + check.operationName();
    JsonNode answer;
    try {
      answer = JSON.readTree(check.answer().body());
    } catch (IOException e) {
      throw VerifyAnswer.invalid(what, "the answer is not well-formed JSON");
    }
    if (answer == null || !answer.isObject()) {
      throw VerifyAnswer.invalid(what, "the answer is not a JSON object");
    }
    JsonNode mapped;
    try {
      mapped =
          mappings
              .run(Path.of(check.operation().mappings().response()), MappingInput.json(answer))
              .json();
    } catch (MappingException | IllegalStateException e) {
      throw VerifyAnswer.invalid(what, "the answer does not map: " + e.getMessage());
    }
    if (!(mapped instanceof ObjectNode result) || !result.path("found").isBoolean()) {
      throw VerifyAnswer.invalid(what, "the response mapping gave no boolean 'found'");
    }
    echoed(what, result, "requestId", check.requestId().toString());
    echoed(what, result, "citizenId", check.caller().citizenId());
    check.result(result);
  }

  private static void echoed(String what, ObjectNode result, String field, String expected) {
    JsonNode value = result.path(field);
    if (!value.isMissingNode() && !value.isNull() && !expected.equals(value.asText())) {
      throw VerifyAnswer.invalid(
          what, "the answer's " + field + " is not the question's: it is about another " + field);
    }
  }
}
