package org.saphan.hub.gdx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Data minimisation: the hub's data categories and, for each, exactly which DOPA Linkage fields it
 * releases. A consumer asks for categories, never for records, and receives only their fields.
 *
 * <ul>
 *   <li>{@value #IDENTITY}: citizen id, title, Thai and English names, birth date, gender,
 *       nationality (service 001)
 *   <li>{@value #HOUSEHOLD}: the registered address with its province, district and subdistrict
 *       codes and names, the house id (service 008), and the person's status in the house (001)
 *   <li>{@value #PARENTS}: the father's and mother's ids, names and nationalities (service 001)
 * </ul>
 */
public final class GdxFields {

  /** Who the person is. */
  public static final String IDENTITY = "identity";

  /** Where the person is registered to live. */
  public static final String HOUSEHOLD = "household";

  /** The person's registered parents. */
  public static final String PARENTS = "parents";

  /** Provenance of values from the person record. */
  public static final String SOURCE_PERSON = "gdx:dopa-linkage:" + GdxClient.SERVICE_PERSON;

  /** Provenance of values from the house record. */
  public static final String SOURCE_HOUSE = "gdx:dopa-linkage:" + GdxClient.SERVICE_HOUSE;

  /**
   * One released field.
   *
   * @param name the hub's name of the field
   * @param category the data category that releases it
   * @param serviceId the Linkage service it is read from (001 or 008)
   * @param linkageField the Linkage field it is read from
   */
  public record Field(String name, String category, String serviceId, String linkageField) {

    /** {@code gdx:dopa-linkage:<serviceId>}. */
    public String source() {
      return "gdx:dopa-linkage:" + serviceId;
    }
  }

  private record Rule(
      Field field, Function<LinkagePerson, Object> person, Function<LinkageHouse, Object> house) {

    Object read(LinkagePerson p, LinkageHouse h) {
      return person != null ? person.apply(p) : house.apply(h);
    }
  }

  private static final List<Rule> RULES =
      List.of(
          person(IDENTITY, "citizenId", "CitizenID", LinkagePerson::citizenId),
          person(IDENTITY, "titleCode", "titleCode", LinkagePerson::titleCode),
          person(IDENTITY, "titleTh", "titleDesc", LinkagePerson::titleDesc),
          person(IDENTITY, "firstNameTh", "firstName", LinkagePerson::firstName),
          person(IDENTITY, "middleNameTh", "middleName", LinkagePerson::middleName),
          person(IDENTITY, "lastNameTh", "lastName", LinkagePerson::lastName),
          person(IDENTITY, "titleEn", "englishTitleDesc", LinkagePerson::englishTitleDesc),
          person(IDENTITY, "firstNameEn", "englishFirstName", LinkagePerson::englishFirstName),
          person(IDENTITY, "middleNameEn", "englishMiddleName", LinkagePerson::englishMiddleName),
          person(IDENTITY, "lastNameEn", "englishLastName", LinkagePerson::englishLastName),
          person(IDENTITY, "birthDate", "dateOfBirth", p -> iso(p.dateOfBirth())),
          person(IDENTITY, "genderCode", "genderCode", LinkagePerson::genderCode),
          person(IDENTITY, "gender", "genderDesc", LinkagePerson::genderDesc),
          person(IDENTITY, "nationalityCode", "nationalityCode", LinkagePerson::nationalityCode),
          person(IDENTITY, "nationality", "nationalityDesc", LinkagePerson::nationalityDesc),
          house(HOUSEHOLD, "houseId", "houseID", LinkageHouse::houseId),
          house(HOUSEHOLD, "houseNo", "houseNo", LinkageHouse::houseNo),
          house(HOUSEHOLD, "villageNo", "villageNo", h -> positive(h.villageNo())),
          house(HOUSEHOLD, "alley", "alleyDesc", LinkageHouse::alleyDesc),
          house(HOUSEHOLD, "soi", "alleyWayDesc", LinkageHouse::alleyWayDesc),
          house(HOUSEHOLD, "road", "roadDesc", LinkageHouse::roadDesc),
          house(HOUSEHOLD, "subdistrictCode", "subdistrictCode", h -> code(h.subdistrictCode(), 6)),
          house(HOUSEHOLD, "subdistrict", "subdistrictDesc", LinkageHouse::subdistrictDesc),
          house(HOUSEHOLD, "districtCode", "districtCode", h -> code(h.districtCode(), 4)),
          house(HOUSEHOLD, "district", "districtDesc", LinkageHouse::districtDesc),
          house(HOUSEHOLD, "provinceCode", "provinceCode", h -> code(h.provinceCode(), 2)),
          house(HOUSEHOLD, "province", "provinceDesc", LinkageHouse::provinceDesc),
          person(HOUSEHOLD, "ownerStatus", "ownerStatusDesc", LinkagePerson::ownerStatusDesc),
          person(
              HOUSEHOLD,
              "residenceStatus",
              "statusOfPersonDesc",
              LinkagePerson::statusOfPersonDesc),
          person(HOUSEHOLD, "moveInDate", "dateOfMoveIn", p -> iso(p.dateOfMoveIn())),
          person(PARENTS, "fatherCitizenId", "fatherPersonalID", p -> p.father().citizenId()),
          person(PARENTS, "fatherName", "fatherName", p -> p.father().name()),
          person(
              PARENTS,
              "fatherNationality",
              "fatherNationalityDesc",
              p -> p.father().nationalityDesc()),
          person(PARENTS, "motherCitizenId", "motherPersonalID", p -> p.mother().citizenId()),
          person(PARENTS, "motherName", "motherName", p -> p.mother().name()),
          person(
              PARENTS,
              "motherNationality",
              "motherNationalityDesc",
              p -> p.mother().nationalityDesc()));

  private static final Set<String> CATEGORIES = Set.of(IDENTITY, HOUSEHOLD, PARENTS);

  private GdxFields() {}

  /** Every data category. */
  public static Set<String> categories() {
    return CATEGORIES;
  }

  /** Every released field, in release order. */
  public static List<Field> fields() {
    return RULES.stream().map(Rule::field).toList();
  }

  /**
   * The fields the given categories release.
   *
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} for an unknown category or none
   */
  public static List<Field> fieldsOf(Collection<String> categories) {
    Set<String> wanted = requireKnown(categories);
    return RULES.stream().map(Rule::field).filter(f -> wanted.contains(f.category())).toList();
  }

  /** True when any of the categories needs the house record (service 008). */
  static boolean needsHouse(Collection<String> categories) {
    return RULES.stream()
        .anyMatch(r -> r.house() != null && categories.contains(r.field().category()));
  }

  /** The values of the categories' fields, read from the records (house may be null if unused). */
  static List<Released> release(Set<String> categories, LinkagePerson p, LinkageHouse h) {
    List<Released> released = new ArrayList<>();
    for (Rule rule : RULES) {
      if (categories.contains(rule.field().category())) {
        released.add(new Released(rule.field(), rule.read(p, h)));
      }
    }
    return released;
  }

  /** A field with its value. */
  record Released(Field field, Object value) {}

  /**
   * The categories, checked.
   *
   * @throws SaphanException {@link ErrorCode#VALIDATION_FAILED} for an unknown category or none
   */
  static Set<String> requireKnown(Collection<String> categories) {
    if (categories == null || categories.isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "No data category asked for; known categories: " + new TreeSet<>(CATEGORIES));
    }
    Set<String> unknown = new TreeSet<>();
    for (String category : categories) {
      if (category == null || !CATEGORIES.contains(category)) {
        unknown.add(String.valueOf(category));
      }
    }
    if (!unknown.isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED,
          "Unknown data categories " + unknown + "; known: " + new TreeSet<>(CATEGORIES),
          Map.of("unknownCategories", List.copyOf(unknown)));
    }
    return Set.copyOf(new LinkedHashSet<>(categories));
  }

  private static Rule person(
      String category, String name, String linkageField, Function<LinkagePerson, Object> read) {
    return new Rule(new Field(name, category, GdxClient.SERVICE_PERSON, linkageField), read, null);
  }

  private static Rule house(
      String category, String name, String linkageField, Function<LinkageHouse, Object> read) {
    return new Rule(new Field(name, category, GdxClient.SERVICE_HOUSE, linkageField), null, read);
  }

  private static String iso(PartialDate date) {
    return date == null ? null : date.iso();
  }

  private static Integer positive(int value) {
    return value > 0 ? value : null;
  }

  /** An address code zero-padded to its level's width; {@code null} for 0 (none). */
  private static String code(int value, int width) {
    return value > 0 ? String.format("%0" + width + "d", value) : null;
  }
}
