package org.saphan.hub.batch.layout;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.saphan.catalog.layout.FieldDefinition;

/**
 * The values of one record from a mapping's JSON output, by field name, typed as the layout's
 * fields need them: text as is, numbers as {@code Long}, amounts as {@code BigDecimal}, dates and
 * times in ISO form ({@code 2026-12-07}, {@code 10:15:30}). A field the output lacks is blank.
 */
public final class RecordValues {

  private RecordValues() {}

  /**
   * @throws RecordValueException naming the field whose value is not of its type
   */
  public static Map<String, Object> of(RecordLayout record, JsonNode output)
      throws RecordValueException {
    Map<String, Object> values = new HashMap<>();
    for (FieldDefinition field : record.fields()) {
      JsonNode value = output.path(field.name());
      if (value.isMissingNode() || value.isNull()) {
        continue;
      }
      try {
        values.put(
            field.name(),
            switch (field.type()) {
              case NUMBER ->
                  value.isIntegralNumber() ? value.asLong() : Long.parseLong(value.asText());
              case AMOUNT2 ->
                  value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
              case DATE_DDMMYYYY -> LocalDate.parse(value.asText());
              case TIME_HHMMSS -> LocalTime.parse(value.asText());
              default -> value.asText();
            });
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new RecordValueException(
            field.name(), "field " + field.label() + " is not a " + field.type() + " value");
      }
    }
    return values;
  }
}
