package org.saphan.catalog.settings;

import org.saphan.catalog.roadmap.RoadmapPhase;

/**
 * The card's {@code service} block: the service as citizens see it, and its roadmap entry.
 *
 * @param name the service's name
 * @param roadmap where the service sits in the Citizen Portal service roadmap
 */
public record ServiceSettings(LocalizedText name, Roadmap roadmap) {

  /**
   * The card's {@code service.roadmap}.
   *
   * @param phase the roadmap phase
   * @param order the service's order within the phase
   * @param targetGroup the roadmap's target group, in Thai
   */
  public record Roadmap(RoadmapPhase phase, int order, String targetGroup) {}
}
