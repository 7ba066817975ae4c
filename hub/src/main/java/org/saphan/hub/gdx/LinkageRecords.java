package org.saphan.hub.gdx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.saphan.hub.error.SaphanException;

/**
 * Reads DOPA Linkage records (services 001 and 008) into the hub's types: ids as zero-padded
 * digits, Buddhist-era dates, codes as numbers. A field in a form the hub cannot read is an {@link
 * InvalidField}, naming the field and never its value.
 */
final class LinkageRecords {

  private LinkageRecords() {}

  /** The person record (service 001). */
  static LinkagePerson person(String citizenId, JsonNode r) {
    return new LinkagePerson(
        citizenId,
        integer(r, "titleCode"),
        text(r, "titleDesc"),
        text(r, "titleName"),
        text(r, "fullnameAndRank"),
        text(r, "firstName"),
        text(r, "middleName"),
        text(r, "lastName"),
        text(r, "englishTitleDesc"),
        text(r, "englishFirstName"),
        text(r, "englishMiddleName"),
        text(r, "englishLastName"),
        integer(r, "genderCode"),
        text(r, "genderDesc"),
        date(r, "dateOfBirth"),
        integer(r, "age"),
        integer(r, "nationalityCode"),
        text(r, "nationalityDesc"),
        text(r, "ownerStatusDesc"),
        integer(r, "statusOfPersonCode"),
        text(r, "statusOfPersonDesc"),
        date(r, "dateOfMoveIn"),
        parent(r, "father"),
        parent(r, "mother"));
  }

  /** The house record (service 008). */
  static LinkageHouse house(JsonNode r) {
    return new LinkageHouse(
        digits(r, "houseID", 11),
        text(r, "houseNo"),
        integer(r, "houseType"),
        text(r, "houseTypeDesc"),
        integer(r, "villageNo"),
        integer(r, "alleyCode"),
        text(r, "alleyDesc"),
        integer(r, "alleyWayCode"),
        text(r, "alleyWayDesc"),
        integer(r, "roadCode"),
        text(r, "roadDesc"),
        integer(r, "subdistrictCode"),
        text(r, "subdistrictDesc"),
        integer(r, "districtCode"),
        text(r, "districtDesc"),
        integer(r, "provinceCode"),
        text(r, "provinceDesc"),
        integer(r, "rcodeCode"),
        text(r, "rcodeDesc"),
        date(r, "dateOfTerminate"));
  }

  /** A text field, trimmed; {@code null} when absent, empty or not a scalar. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  private static LinkagePerson.Parent parent(JsonNode r, String who) {
    return new LinkagePerson.Parent(
        digits(r, who + "PersonalID", 13),
        text(r, who + "Name"),
        integer(r, who + "NationalityCode"),
        text(r, who + "NationalityDesc"));
  }

  private static int integer(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.canConvertToInt()) {
      return value.intValue();
    }
    String text = value.asText().trim();
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidField(field, e);
    }
  }

  /** An id-like number (GDX sends ids as JSON numbers) as zero-padded digits; 0 = none. */
  private static String digits(JsonNode node, String field, int width) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.isNumber() ? value.bigIntegerValue().toString() : value.asText().trim();
    if (text.isEmpty() || text.matches("0+")) {
      return null;
    }
    if (!text.matches("\\d{1," + width + "}")) {
      throw new InvalidField(field, null);
    }
    return "0".repeat(width - text.length()) + text;
  }

  private static PartialDate date(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      Optional<PartialDate> date =
          value.isIntegralNumber()
              ? BuddhistDates.parse(value.longValue())
              : BuddhistDates.parse(value.asText());
      return date.orElse(null);
    } catch (SaphanException e) {
      throw new InvalidField(field, e);
    }
  }

  /** A record field GDX sent in a form the hub cannot read; names the field, never the value. */
  static final class InvalidField extends RuntimeException {
    InvalidField(String field, Throwable cause) {
      super(field, cause, false, false);
    }
  }
}
