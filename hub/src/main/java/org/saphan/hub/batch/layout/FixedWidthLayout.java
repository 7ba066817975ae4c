package org.saphan.hub.batch.layout;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A fixed-width file layout read from data ({@code batch/layouts/*.yaml}): record length, single-
 * byte encoding, year era, where the record-type code sits, and per record type the fields that
 * tile the record. Loading checks everything and refuses with every problem listed at once.
 */
public final class FixedWidthLayout {

  private final String name;
  private final String description;
  private final int recordLength;
  private final Charset encoding;
  private final YearEra yearEra;
  private final int recordTypeStart;
  private final int recordTypeLength;
  private final Map<String, RecordLayout> records;

  FixedWidthLayout(
      String name,
      String description,
      int recordLength,
      Charset encoding,
      YearEra yearEra,
      int recordTypeStart,
      int recordTypeLength,
      Map<String, RecordLayout> records) {
    this.name = name;
    this.description = description;
    this.recordLength = recordLength;
    this.encoding = encoding;
    this.yearEra = yearEra;
    this.recordTypeStart = recordTypeStart;
    this.recordTypeLength = recordTypeLength;
    this.records = Collections.unmodifiableMap(records);
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
    Object document;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      document = new Yaml(new SafeConstructor(options)).load(yaml);
    } catch (YAMLException e) {
      throw SaphanException.validation(
          ErrorCode.BATCH_LAYOUT_INVALID,
          "layout "
              + source
              + " is not valid YAML: "
              + e.getMessage().lines().findFirst().orElse(""),
          Map.of("problems", List.of("not valid YAML")));
    }
    return new LayoutReader(source).read(document);
  }

  /** This layout with another year era, e.g. for a bank known to write Buddhist-era years. */
  public FixedWidthLayout withYearEra(YearEra era) {
    return new FixedWidthLayout(
        name, description, recordLength, encoding, era, recordTypeStart, recordTypeLength, records);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  /** The length of every record, in bytes (= characters: the encoding is single-byte). */
  public int recordLength() {
    return recordLength;
  }

  /** A single-byte charset, e.g. TIS-620. */
  public Charset encoding() {
    return encoding;
  }

  public YearEra yearEra() {
    return yearEra;
  }

  /** 0-based offset of the record-type code. */
  public int recordTypeStart() {
    return recordTypeStart;
  }

  public int recordTypeLength() {
    return recordTypeLength;
  }

  /** The record types, by code, in file order. */
  public Collection<RecordLayout> records() {
    return records.values();
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
