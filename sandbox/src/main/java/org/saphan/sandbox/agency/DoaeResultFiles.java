package org.saphan.sandbox.agency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.saphan.sandbox.agency.DoaeResultPlan.Fault;
import org.saphan.sandbox.common.PartyKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DOAE's decisions back to the hub (docs/agency/batch.md, "Result files"): for each export file the
 * inbox accepts, one result file in the outbox ({@code <sftp root>/doae/outbox}, the hub's {@code
 * /outbox}), three artefacts written each under {@code <name>.part} and renamed, the manifest
 * ({@value #MANIFEST_FORMAT}) last. DOAE numbers its result files from 1. What the next file says
 * and which fault it plays is the {@link DoaeResultPlan} set by the control API, used once.
 */
public class DoaeResultFiles {

  /** The result manifest's format (docs/agency/batch.md). */
  public static final String MANIFEST_FORMAT = "saphan-batch-result/1";

  /** The agency the manifests name. */
  public static final String AGENCY = "doae";

  /** The connector a result file answers when the export's manifest names none. */
  static final String DEFAULT_CONNECTOR = "doae-farmer-registration";

  private static final Logger log = LoggerFactory.getLogger(DoaeResultFiles.class);

  private final Path outbox;
  private final DoaeResultSigner signer;
  private final Clock clock;
  private final AtomicReference<DoaeResultPlan> plan = new AtomicReference<>(DoaeResultPlan.NORMAL);
  private final List<Produced> produced = new ArrayList<>();
  private final Map<String, List<DoaeResultFile.Artefact>> held = new LinkedHashMap<>();
  private long sequence;

  /**
   * One result file DOAE made (or, for the {@code missing} fault, did not make).
   *
   * @param file the data file's name; null when missing
   * @param sequence the result file's sequence, as its header and manifest say (a {@code
   *     duplicate}'s copy: the original's); 0 when missing
   * @param forSequence the export file it answers
   * @param count its detail records (when missing: the export's)
   * @param fault the fault it plays
   * @param state {@code published}, {@code held} (until released) or {@code missing}
   * @param duplicateOf the original's name, for a {@code duplicate}'s copy
   * @param lines its detail lines, which application and code each names
   * @param at when it was made
   */
  public record Produced(
      String file,
      long sequence,
      long forSequence,
      int count,
      Fault fault,
      String state,
      String duplicateOf,
      List<DoaeResultFile.Line> lines,
      Instant at) {

    Produced published() {
      return new Produced(
          file, sequence, forSequence, count, fault, "published", duplicateOf, lines, at);
    }
  }

  /**
   * @param outbox the folder the hub's user sees as {@code /outbox}; made when missing
   * @param doaeKey party {@code doae}'s key ({@code PartyKeys.get("doae")}), read when the first
   *     file is signed
   */
  public DoaeResultFiles(Path outbox, Supplier<PartyKey> doaeKey, Clock clock) {
    this.outbox = outbox;
    this.signer = new DoaeResultSigner(doaeKey, clock);
    this.clock = clock;
  }

  /**
   * What DOAE does when an export's manifest arrives: the inbox checks the file; an accepted one is
   * answered with a result file, a refused one never is.
   */
  public Consumer<Path> answering(DoaeBatchInbox inbox) {
    return manifest -> {
      if (inbox.check(manifest).accepted()) {
        answer(manifest);
      }
    };
  }

  /** The plan for the next accepted export. */
  public DoaeResultPlan plan() {
    return plan.get();
  }

  /** Replaces the plan for the next accepted export (after it: {@link DoaeResultPlan#NORMAL}). */
  public DoaeResultPlan plan(DoaeResultPlan next) {
    plan.set(next);
    return next;
  }

  /** The result files made, oldest first. */
  public synchronized List<Produced> produced() {
    return List.copyOf(produced);
  }

  /**
   * Decides every application of an accepted export file and publishes the result file, or holds
   * it, or makes none, as the plan says; the plan then goes back to normal.
   *
   * @param exportManifest the accepted export's manifest, next to its data file
   * @return what was made
   */
  public synchronized Produced answer(Path exportManifest) {
    DoaeResultPlan next = plan.getAndSet(DoaeResultPlan.NORMAL);
    try {
      return answer(exportManifest, next);
    } catch (RuntimeException e) {
      plan.compareAndSet(DoaeResultPlan.NORMAL, next);
      throw e;
    }
  }

  private Produced answer(Path exportManifest, DoaeResultPlan next) {
    DoaeResultFile.Export export = DoaeResultFile.Export.read(exportManifest);
    Instant now = clock.instant();
    if (next.fault() == Fault.MISSING) {
      log.info("DOAE makes no result file for export {} (fault missing)", export.sequence());
      return add(
          new Produced(
              null,
              0,
              export.sequence(),
              export.applicationIds().size(),
              next.fault(),
              "missing",
              null,
              List.of(),
              now));
    }
    ZonedDateTime decided = BuddhistEra.inBangkok(now);
    LocalDate fileDate =
        (export.fileDate() == null ? decided.toLocalDate() : export.fileDate()).plusDays(1);
    long number = sequence + 1;
    DoaeResultFile.Content content =
        DoaeResultFile.write(
            number, export, fileDate, decided, next, next.fault() == Fault.BAD_LINES);
    byte[] p7s =
        next.fault() == Fault.BAD_SIGNATURE
            ? signer.signAsStranger(content.bytes())
            : signer.sign(content.bytes());
    String name = DoaeResultFile.name(export, fileDate, number);
    List<DoaeResultFile.Artefact> artefacts =
        DoaeResultFile.artefacts(name, number, export, content, p7s, now);
    sequence = number;
    boolean late = next.fault() == Fault.LATE;
    Produced made =
        new Produced(
            name,
            number,
            export.sequence(),
            content.lines().size(),
            next.fault(),
            late ? "held" : "published",
            null,
            content.lines(),
            now);
    if (late) {
      held.put(name, artefacts);
    } else {
      publish(artefacts);
    }
    add(made);
    if (next.fault() == Fault.DUPLICATE) {
      sequence = number + 1;
      String copy = DoaeResultFile.name(export, fileDate, sequence);
      publish(DoaeResultFile.artefacts(copy, number, export, content, p7s, now));
      add(
          new Produced(
              copy,
              number,
              export.sequence(),
              content.lines().size(),
              next.fault(),
              "published",
              name,
              content.lines(),
              now));
    }
    log.info(
        "DOAE {} result file {} for export {} ({} lines, fault {})",
        made.state(),
        name,
        export.sequence(),
        content.lines().size(),
        next.fault().label());
    return made;
  }

  /** Publishes every held ({@code late}) file, oldest first; returns them. */
  public synchronized List<Produced> release() {
    List<Produced> released = new ArrayList<>();
    for (int i = 0; i < produced.size(); i++) {
      Produced file = produced.get(i);
      List<DoaeResultFile.Artefact> artefacts = held.remove(file.file());
      if ("held".equals(file.state()) && artefacts != null) {
        publish(artefacts);
        produced.set(i, file.published());
        released.add(produced.get(i));
      }
    }
    return released;
  }

  private Produced add(Produced file) {
    produced.add(file);
    return file;
  }

  /** Writes each artefact under {@code <name>.part}, then renames it: never half a file. */
  private void publish(List<DoaeResultFile.Artefact> artefacts) {
    try {
      Files.createDirectories(outbox);
      for (DoaeResultFile.Artefact artefact : artefacts) {
        Path target = outbox.resolve(artefact.name());
        Path part = outbox.resolve(artefact.name() + ".part");
        Files.write(part, artefact.bytes());
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish into " + outbox, e);
    }
  }
}
