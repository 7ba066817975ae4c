package org.saphan.hub.backoffice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.settings.BackOfficeSettings;
import org.saphan.catalog.settings.LocalizedText;

/**
 * The back-office workflow a model-4 card declares ({@code backOffice.steps}): its steps grouped
 * into stages. A stage is one step, or neighbouring steps with {@code mode: parallel}, which run at
 * the same time; stages run one after the other.
 */
public final class Workflow {

  /**
   * One step.
   *
   * @param id the step id
   * @param nameTh Thai name
   * @param nameEn English name, or {@code null}
   * @param role the agency role that works it
   * @param slaWorkingDays working days it may take
   * @param outcomes what an officer may decide
   * @param index position in the card
   * @param stage the stage it belongs to
   */
  public record Step(
      String id,
      String nameTh,
      String nameEn,
      String role,
      int slaWorkingDays,
      Set<Outcome> outcomes,
      int index,
      int stage) {

    /** The step's name for messages: English where the card has it. */
    public String displayName() {
      return nameEn != null ? nameEn : nameTh;
    }

    /** Whether an officer may decide this outcome here. */
    public boolean allows(Outcome outcome) {
      return outcomes.contains(outcome);
    }
  }

  /**
   * What the card says about the licence ({@code backOffice.licence}).
   *
   * @param issue whether one is issued on completion
   * @param titleTh Thai title
   * @param titleEn English title, or {@code null}
   * @param validityDays days of validity, or {@code null} for no expiry
   * @param expiryNoticeDays days before expiry of the "about to expire" event
   */
  public record LicenceSpec(
      boolean issue, String titleTh, String titleEn, Integer validityDays, int expiryNoticeDays) {

    /** No licence. */
    public static final LicenceSpec NONE = new LicenceSpec(false, null, null, null, 30);
  }

  private final String connector;
  private final String agency;
  private final List<Step> steps;
  private final List<List<Step>> stages;
  private final LicenceSpec licence;
  private final int serviceSlaWorkingDays;

  private Workflow(
      String connector,
      String agency,
      List<Step> steps,
      List<List<Step>> stages,
      LicenceSpec licence,
      int serviceSlaWorkingDays) {
    this.connector = connector;
    this.agency = agency;
    this.steps = List.copyOf(steps);
    this.stages = stages.stream().map(List::copyOf).toList();
    this.licence = licence;
    this.serviceSlaWorkingDays = serviceSlaWorkingDays;
  }

  /** The workflow of a model-4 card. */
  public static Workflow of(ConnectorCard card) {
    if (card.integrationModel() != IntegrationModel.FOUR) {
      throw new IllegalArgumentException(card.name() + " is not a model-4 card");
    }
    BackOfficeSettings backOffice = card.backOffice().orElseThrow();
    List<Step> steps = new ArrayList<>();
    List<List<Step>> stages = new ArrayList<>();
    List<BackOfficeSettings.Step> declared = backOffice.steps();
    boolean previousParallel = false;
    for (int i = 0; i < declared.size(); i++) {
      BackOfficeSettings.Step s = declared.get(i);
      boolean parallel = s.mode() == BackOfficeSettings.Mode.PARALLEL;
      if (stages.isEmpty() || !(parallel && previousParallel)) {
        stages.add(new ArrayList<>());
      }
      Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
      s.outcomes().forEach(o -> Outcome.fromWire(o).ifPresent(outcomes::add));
      Step step =
          new Step(
              s.id(),
              s.name().th(),
              s.name().en().orElse(null),
              s.role(),
              s.slaWorkingDays(),
              Collections.unmodifiableSet(outcomes),
              i,
              stages.size() - 1);
      steps.add(step);
      stages.get(stages.size() - 1).add(step);
      previousParallel = parallel;
    }
    LicenceSpec licence =
        backOffice
            .licence()
            .filter(BackOfficeSettings.Licence::issue)
            .map(
                l ->
                    new LicenceSpec(
                        true,
                        l.title().map(LocalizedText::th).orElse(card.serviceNameTh()),
                        l.title().flatMap(LocalizedText::en).or(card::serviceNameEn).orElse(null),
                        l.validityDays().isPresent() ? l.validityDays().getAsInt() : null,
                        l.expiryNoticeDays()))
            .orElse(LicenceSpec.NONE);
    return new Workflow(
        card.name(),
        card.agencyCode(),
        steps,
        stages,
        licence,
        card.info().orElseThrow().slaWorkingDays());
  }

  /** A workflow built directly (tests). */
  public static Workflow of(String connector, String agency, List<List<Step>> stages) {
    List<Step> steps = stages.stream().flatMap(List::stream).toList();
    return new Workflow(connector, agency, steps, stages, LicenceSpec.NONE, 0);
  }

  public String connector() {
    return connector;
  }

  public String agency() {
    return agency;
  }

  /** Every step, in card order. */
  public List<Step> steps() {
    return steps;
  }

  /** The stages, in order; each holds one step or the steps that run in parallel. */
  public List<List<Step>> stages() {
    return stages;
  }

  /** The steps of one stage. */
  public List<Step> stage(int index) {
    return stages.get(index);
  }

  /** A step by id. */
  public Optional<Step> step(String id) {
    return steps.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** Whether the stage is the last one. */
  public boolean isLastStage(int index) {
    return index == stages.size() - 1;
  }

  /** The licence the card asks for. */
  public LicenceSpec licence() {
    return licence;
  }

  /** The service's own SLA ({@code info.slaWorkingDays}), for the whole case. */
  public int serviceSlaWorkingDays() {
    return serviceSlaWorkingDays;
  }

  /** The step roles of the workflow. */
  public Set<String> roles() {
    Set<String> roles = new java.util.TreeSet<>();
    steps.forEach(s -> roles.add(s.role()));
    return roles;
  }
}
