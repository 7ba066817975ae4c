package org.saphan.sandbox.gdx;

import java.util.List;

/**
 * What the simulated registers hold about one citizen; all data is invented.
 *
 * @param citizenId 13-digit citizen id with a valid check digit
 * @param persona the Digital ID persona this record belongs to (documentation only)
 * @param cards the person's ID cards, the current one first
 * @param person the Linkage 001 record (its age is computed when answered)
 * @param house the Linkage 008 record of the house the person is registered in
 */
public record GdxRecord(
    String citizenId,
    String persona,
    List<IdCard> cards,
    LinkagePerson person,
    LinkageHouse house) {

  public GdxRecord {
    cards = cards == null ? List.of() : List.copyOf(cards);
  }
}
