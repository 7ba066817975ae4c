package org.saphan.catalog.settings;

import java.util.Optional;
import org.saphan.catalog.roadmap.RoadmapPhase;

/**
 * The card's {@code service} block: the service as citizens see it, and either its roadmap entry
 * or, for a service outside the roadmap, its own id and category.
 *
 * @param name the service's name
 * @param roadmap where the service sits in the Citizen Portal service roadmap
 * @param id a service outside the roadmap: its own public id
 * @param category a service outside the roadmap: the group the portal lists it under
 * @param minimumIal the lowest identity assurance level ({@code 1.1} to {@code 3}) of a citizen the
 *     hub acts for in this service (applications, checks, SSO); empty for no floor
 */
public record ServiceSettings(
    LocalizedText name,
    Optional<Roadmap> roadmap,
    Optional<String> id,
    Optional<LocalizedText> category,
    Optional<String> minimumIal) {

  /**
   * The card's {@code service.roadmap}.
   *
   * @param phase the roadmap phase
   * @param order the service's order within the phase
   * @param targetGroup the roadmap's target group, in Thai
   */
  public record Roadmap(RoadmapPhase phase, int order, String targetGroup) {}
}
