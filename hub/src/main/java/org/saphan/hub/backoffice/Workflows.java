package org.saphan.hub.backoffice;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;

/** The workflows of the catalog's model-4 cards, read once, and the roles each agency uses. */
public class Workflows {

  private final Map<String, Workflow> byConnector;

  public Workflows(Catalog catalog) {
    Map<String, Workflow> workflows = new LinkedHashMap<>();
    for (ConnectorCard card : catalog.byModel(IntegrationModel.FOUR)) {
      workflows.put(card.name(), Workflow.of(card));
    }
    this.byConnector = Collections.unmodifiableMap(workflows);
  }

  /** The workflow of a model-4 connector. */
  public Workflow of(String connector) {
    Workflow workflow = byConnector.get(connector);
    if (workflow == null) {
      throw SaphanException.system(
          ErrorCode.CONNECTOR_NOT_FOUND, "no model-4 card " + connector + " in the catalog", null);
    }
    return workflow;
  }

  /** The workflow of a connector, if it is a model-4 card. */
  public Optional<Workflow> find(String connector) {
    return Optional.ofNullable(byConnector.get(connector));
  }

  /** Every model-4 workflow, by connector. */
  public Map<String, Workflow> all() {
    return byConnector;
  }

  /**
   * The roles an agency admin may assign for an agency: {@code agency_officer} and the step roles
   * of the agency's model-4 cards.
   */
  public Set<String> assignableRoles(String agency) {
    Set<String> roles = new TreeSet<>();
    roles.add(Caller.AGENCY_OFFICER);
    byConnector.values().stream()
        .filter(w -> w.agency().equals(agency))
        .forEach(w -> roles.addAll(w.roles()));
    return roles;
  }
}
