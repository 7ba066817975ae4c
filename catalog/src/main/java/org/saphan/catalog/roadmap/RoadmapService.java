package org.saphan.catalog.roadmap;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One of the services of the Citizen Portal service roadmap, as {@code
 * connectors/roadmap/services.json} lists it; or ({@link #outside}) a service outside the roadmap
 * that a connector card describes itself, listed by the portal beside the roadmap's.
 *
 * @param id stable id {@code <phase>-<order, 3 digits>}, phase {@code 1}, {@code 2}, {@code 3} or
 *     {@code x} (expansion): {@code 1-001}, {@code x-012}; outside the roadmap, the card's {@code
 *     service.id} ({@link #OWN_ID}), which cannot take that shape
 * @param phase the roadmap phase; {@code null} outside the roadmap
 * @param order the service's number within its phase, from 1; 0 outside the roadmap
 * @param targetGroup the roadmap's target group, Thai and English
 * @param name the service name: Thai exactly as in the roadmap; English only where a faithful
 *     translation was given, else {@code null}
 * @param agency the agency that owns the service
 * @param ministry the ministry (or other heading) the roadmap files the agency under
 */
public record RoadmapService(
    String id,
    RoadmapPhase phase,
    int order,
    Text targetGroup,
    Text name,
    Agency agency,
    Text ministry) {

  /** Largest order number an id can hold. */
  public static final int MAX_ORDER = 999;

  /** Shape of a service id. */
  public static final Pattern ID = Pattern.compile("(1|2|3|x)-[0-9]{3}");

  /**
   * Shape of the id of a service outside the roadmap ({@code <agency code>-<words>}, a card's
   * {@code service.id}): never the shape of a roadmap id, whose first part is one character.
   */
  public static final Pattern OWN_ID =
      Pattern.compile("[a-z][a-z0-9]{1,15}-[a-z0-9]+(-[a-z0-9]+)*");

  /** Shape of an agency code: the same as a connector card's {@code agency.code}. */
  public static final Pattern AGENCY_CODE = Pattern.compile("[a-z][a-z0-9]{1,15}");

  public RoadmapService {
    Objects.requireNonNull(targetGroup, "targetGroup");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(agency, "agency");
    Objects.requireNonNull(ministry, "ministry");
    if (phase == null) {
      if (id == null || !OWN_ID.matcher(id).matches() || order != 0) {
        throw new IllegalArgumentException(
            "a service outside the roadmap needs an id like dld-inspection-booking: " + id);
      }
    } else if (!id(phase, order).equals(id)) {
      throw new IllegalArgumentException(
          "id " + id + " does not match phase " + phase.csvValue() + " and order " + order);
    }
    if (phase != null && (targetGroup.en() == null || ministry.en() == null)) {
      throw new IllegalArgumentException(id + ": target group and ministry need an English name");
    }
  }

  /** The id of the service at {@code order} in {@code phase}: {@code 1-001}, {@code x-012}. */
  public static String id(RoadmapPhase phase, int order) {
    if (order < 1 || order > MAX_ORDER) {
      throw new IllegalArgumentException("order must be from 1 to " + MAX_ORDER + ": " + order);
    }
    return phase.idPrefix() + "-" + String.format("%03d", order);
  }

  /**
   * A service outside the roadmap, as a connector card describes it.
   *
   * @param category the card's {@code service.category}, listed as the target group
   */
  public static RoadmapService outside(
      String id, Text category, Text name, Agency agency, Text ministry) {
    return new RoadmapService(id, null, 0, category, name, agency, ministry);
  }

  /** Whether the service is one of the roadmap's (else a card describes it). */
  public boolean inRoadmap() {
    return phase != null;
  }

  /** Whether a faithful English name was given (else the English name is marked missing). */
  public boolean hasEnglishName() {
    return name.en() != null;
  }

  /**
   * A Thai text and its English rendering.
   *
   * @param th the Thai text, never blank
   * @param en the English text; {@code null} where none was given
   */
  public record Text(String th, String en) {
    public Text {
      if (th == null || th.isBlank()) {
        throw new IllegalArgumentException("Thai text must not be blank");
      }
      if (en != null && en.isBlank()) {
        throw new IllegalArgumentException("English text must be null or not blank: " + th);
      }
    }

    /** The English text, where one was given. */
    public Optional<String> english() {
      return Optional.ofNullable(en);
    }
  }

  /**
   * The agency that owns a service.
   *
   * @param code lower-case ASCII code (the agency's English abbreviation where it has one), which
   *     connector names start with
   * @param th the agency's Thai name
   * @param en the agency's English name
   */
  public record Agency(String code, String th, String en) {
    public Agency {
      if (code == null || !AGENCY_CODE.matcher(code).matches()) {
        throw new IllegalArgumentException("not an agency code: " + code);
      }
      if (th == null || th.isBlank() || en == null || en.isBlank()) {
        throw new IllegalArgumentException("agency " + code + " needs a Thai and an English name");
      }
    }
  }
}
