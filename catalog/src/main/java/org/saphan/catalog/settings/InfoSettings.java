package org.saphan.catalog.settings;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The card's {@code info} block: the service information the portal shows (model 0 and up).
 *
 * @param documentsRequired the documents a citizen brings
 * @param fee the service fee
 * @param slaWorkingDays the service's promised time, in working days
 * @param channels where the service is offered ({@code portal}, {@code office}, ...)
 * @param offices where to go in person
 * @param hours the opening hours, as text
 * @param source the agency's own information document, when the card names one
 */
public record InfoSettings(
    List<LocalizedText> documentsRequired,
    Money fee,
    int slaWorkingDays,
    List<String> channels,
    List<Office> offices,
    Optional<String> hours,
    Optional<Source> source) {

  public InfoSettings {
    documentsRequired = List.copyOf(documentsRequired);
    channels = List.copyOf(channels);
    offices = List.copyOf(offices);
  }

  /**
   * One office ({@code $defs/office}).
   *
   * @param name the office's name
   * @param address its address
   * @param phone its phone number
   */
  public record Office(
      LocalizedText name, Optional<LocalizedText> address, Optional<String> phone) {}

  /**
   * The card's {@code info.source}: where the agency publishes its current information.
   *
   * @param url the document's URL
   * @param refreshMinutes how often the hub fetches it, in minutes
   */
  public record Source(URI url, int refreshMinutes) {}
}
