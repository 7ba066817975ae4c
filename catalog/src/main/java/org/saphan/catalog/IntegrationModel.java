package org.saphan.catalog;

import java.util.Set;

/** The five ways an agency joins the Citizen Portal, each run by one route template. */
public enum IntegrationModel {
  /** e-Information: the portal shows service information only. */
  ZERO(0, "model0-e-info", "e-Information", Set.of("info")),
  /** e-Service directory: the portal links to the agency e-service. */
  ONE(1, "model1-link-out", "link-out", Set.of("info", "linkOut")),
  /** Link-out with Digital ID single sign-on. */
  TWO(2, "model2-sso-link", "link-out with single sign-on", Set.of("info", "linkOut", "sso")),
  /** System-to-system exchange with the agency's API. */
  THREE(3, "model3-api-share", "API share", Set.of("info", "api", "consent", "payment", "form")),
  /** The agency works in the portal's back office. */
  FOUR(
      4,
      "model4-back-office",
      "back office",
      Set.of("info", "backOffice", "consent", "payment", "form"));

  /** Top-level card blocks that belong to one model or another (the rest are always present). */
  static final Set<String> MODEL_BLOCKS =
      Set.of("info", "linkOut", "sso", "api", "backOffice", "consent", "payment", "form");

  private final int number;
  private final String templateId;
  private final String label;
  private final Set<String> blocks;

  IntegrationModel(int number, String templateId, String label, Set<String> blocks) {
    this.number = number;
    this.templateId = templateId;
    this.label = label;
    this.blocks = blocks;
  }

  /** The model number used in cards, 0 to 4. */
  public int number() {
    return number;
  }

  /** Id of the route template in {@code routes/} that runs this model. */
  public String templateId() {
    return templateId;
  }

  /** Short English name, for messages. */
  public String label() {
    return label;
  }

  /** The card blocks this model reads (required ones and optional ones). */
  public Set<String> blocks() {
    return blocks;
  }

  /** The model with this number. */
  public static IntegrationModel of(int number) {
    for (IntegrationModel model : values()) {
      if (model.number == number) {
        return model;
      }
    }
    throw new IllegalArgumentException("No integration model " + number + "; models are 0 to 4");
  }
}
