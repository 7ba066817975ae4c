package org.saphan.hub.checks;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.catalog.mapping.MappingException;
import org.saphan.catalog.mapping.MappingInput;
import org.saphan.catalog.mapping.MappingRunner;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The check route's {@code map} step: the canonical question ({@code requestId}, {@code
 * requestedAt}, the {@code citizen} as the token and the GDX pre-fill give them, the portal's
 * {@code params}) through the operation's request mapping; the body becomes the agency's request.
 */
public class MapCheck implements Processor {

  private final MappingRunner mappings;

  public MapCheck(MappingRunner mappings) {
    this.mappings = mappings;
  }

  @Override
  public void process(Exchange exchange) {
    Check check = Check.of(exchange);
    ObjectNode question = question(check);
    try {
      exchange
          .getMessage()
          .setBody(
              mappings
                  .run(Path.of(check.operation().mappings().request()), MappingInput.json(question))
                  .json()
                  .toString());
    } catch (MappingException e) {
      throw SaphanException.system(
          ErrorCode.MAPPING_FAILED,
          "request mapping of check "
              + check.card().name()
              + "/"
              + check.operationName()
              + " failed: "
              + e.reason(),
          e);
    }
  }

  /** The canonical question the request mapping reads (docs/agency/checks.md). */
  static ObjectNode question(Check check) {
    ObjectNode question = JsonNodeFactory.instance.objectNode();
    question.put("requestId", check.requestId().toString());
    question.put("requestedAt", check.requestedAt().toString());
    ObjectNode citizen = question.putObject("citizen");
    citizen.put("citizenId", check.caller().citizenId());
    ObjectNode prefilled =
        check.prefill() == null ? JsonNodeFactory.instance.objectNode() : check.prefill().fields();
    put(
        citizen,
        "firstName",
        prefilled.path("firstNameTh").asText(null),
        check.caller().givenName());
    put(
        citizen,
        "lastName",
        prefilled.path("lastNameTh").asText(null),
        check.caller().familyName());
    question.set("params", check.params());
    return question;
  }

  private static void put(ObjectNode node, String field, String first, String second) {
    String value = first != null && !first.isBlank() ? first : second;
    if (value != null && !value.isBlank()) {
      node.put(field, value);
    }
  }
}
