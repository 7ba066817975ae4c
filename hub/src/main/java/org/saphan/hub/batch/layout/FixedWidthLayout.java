package org.saphan.hub.batch.layout;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.catalog.YamlCardReader;
import org.saphan.catalog.layout.LayoutDefinition;
import org.saphan.catalog.layout.LayoutReader;
import org.saphan.catalog.layout.RecordDefinition;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.catalog.layout.YearEra;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * A fixed-width file layout read from data ({@code batch/layouts/*.yaml}): record length, single-
 * byte encoding, year era, where the record-type code sits, and per record type the fields that
 * tile the record. The catalog's {@link LayoutReader} reads and checks the definition (as {@code
 * ./saphan validate} does); loading refuses with every problem listed at once.
 */
public final class FixedWidthLayout {

  private final LayoutDefinition definition;
  private final Map<String, RecordLayout> records = new LinkedHashMap<>();

  private FixedWidthLayout(LayoutDefinition definition) {
    this.definition = definition;
    for (RecordDefinition record : definition.records()) {
      records.put(record.code(), new RecordLayout(record));
    }
  }

  /** Loads and checks a layout file. */
  public static FixedWidthLayout load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw SaphanException.wrap(
          ErrorCode.BATCH_LAYOUT_INVALID, "cannot read layout " + file.getFileName(), e);
    }
    return parse(yaml, file.getFileName().toString());
  }

  /** Parses and checks layout YAML; {@code source} names it in messages. */
  public static FixedWidthLayout parse(String yaml, String source) {
    LayoutReader.Result read = LayoutReader.read(yaml);
    if (read.yamlInvalid()) {
      throw SaphanException.validation(
          ErrorCode.BATCH_LAYOUT_INVALID,
          "layout "
              + source
              + " is not valid YAML: "
              + read.problems().stream()
                  .map(YamlCardReader.Problem::describe)
                  .findFirst()
                  .orElse(""),
          Map.of("problems", List.of("not valid YAML")));
    }
    if (read.definition() == null) {
      List<String> problems =
          read.problems().stream().map(YamlCardReader.Problem::describe).toList();
      throw SaphanException.validation(
          ErrorCode.BATCH_LAYOUT_INVALID,
          "layout " + source + " is invalid:\n - " + String.join("\n - ", problems),
          Map.of("problems", problems));
    }
    return new FixedWidthLayout(read.definition());
  }

  /** This layout with another year era, e.g. for a bank known to write Buddhist-era years. */
  public FixedWidthLayout withYearEra(YearEra era) {
    return new FixedWidthLayout(definition.withYearEra(era));
  }

  public String name() {
    return definition.name();
  }

  public String description() {
    return definition.description();
  }

  /** The length of every record, in bytes (= characters: the encoding is single-byte). */
  public int recordLength() {
    return definition.recordLength();
  }

  /** A single-byte charset, e.g. TIS-620. */
  public Charset encoding() {
    return definition.encoding();
  }

  public YearEra yearEra() {
    return definition.yearEra();
  }

  /** 0-based offset of the record-type code. */
  public int recordTypeStart() {
    return definition.recordTypeStart();
  }

  public int recordTypeLength() {
    return definition.recordTypeLength();
  }

  /** The record types, by code, in file order. */
  public Collection<RecordLayout> records() {
    return Collections.unmodifiableCollection(records.values());
  }

  /** The record type of a code, if the layout has it. */
  public Optional<RecordLayout> record(String code) {
    return Optional.ofNullable(records.get(code));
  }

  /** The record type playing a role, if any. */
  public Optional<RecordLayout> record(RecordRole role) {
    return records.values().stream().filter(r -> r.role() == role).findFirst();
  }
}
