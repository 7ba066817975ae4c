package org.saphan.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The valid connector cards of one Saphan home, by name. */
public final class Catalog {

  private final Map<String, ConnectorCard> cards;
  private final List<Finding> warnings;

  Catalog(Collection<ConnectorCard> cards, List<Finding> warnings) {
    Map<String, ConnectorCard> byName = new LinkedHashMap<>();
    cards.forEach(card -> byName.put(card.name(), card));
    this.cards = Collections.unmodifiableMap(byName);
    this.warnings = List.copyOf(warnings);
  }

  /** Every card, sorted by name. */
  public Collection<ConnectorCard> cards() {
    return cards.values();
  }

  /** The card with this connector name. */
  public Optional<ConnectorCard> find(String name) {
    return Optional.ofNullable(cards.get(name));
  }

  /** The card with this connector name; throws when there is none. */
  public ConnectorCard get(String name) {
    ConnectorCard card = cards.get(name);
    if (card == null) {
      throw new NoSuchElementException("No connector card named '" + name + "'");
    }
    return card;
  }

  /** The cards of one integration model, sorted by name. */
  public List<ConnectorCard> byModel(IntegrationModel model) {
    return cards.values().stream().filter(card -> card.integrationModel() == model).toList();
  }

  /** How many cards the catalog holds. */
  public int size() {
    return cards.size();
  }

  /** The warnings found while loading. */
  public List<Finding> warnings() {
    return warnings;
  }
}
