package org.saphan.hub.batch.export;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.FieldType;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.RecordLayout;
import org.saphan.hub.batch.layout.RecordValueException;
import org.saphan.hub.batch.layout.RecordValues;
import org.saphan.hub.batch.layout.SettlementFileWriter;

/**
 * Writes one export file in a card's layout through the one layout codec: a header ({@code
 * sequence}, {@code agencyCode}, {@code fileDate}, {@code fileTime}), one detail record per
 * application from its mapped record, and a trailer ({@code recordCount} and, for each amount field
 * {@code x} of the detail, {@code totalX}, its sum). An application a value of which the layout
 * cannot hold (a character outside TIS-620, a value too long) is left out with the reason: never
 * written with a {@code ?}.
 */
public final class ExportFileWriter {

  /** An application written on line {@code lineNumber} (1-based; the header is line 1). */
  public record Line(String applicationId, int lineNumber) {}

  /** An application left out, and why. */
  public record Refusal(String applicationId, String reason) {}

  /**
   * What was written.
   *
   * @param sums each amount field's sum over the written details, by field name
   */
  public record Written(List<Line> lines, List<Refusal> refused, Map<String, BigDecimal> sums) {

    public int count() {
      return lines.size();
    }
  }

  private ExportFileWriter() {}

  /** Writes {@code items} as a file of {@code layout}; writes nothing when none can be written. */
  public static Written write(
      FixedWidthLayout layout,
      String agencyCode,
      int sequence,
      LocalDateTime at,
      List<ExportStore.Queued> items,
      Path file)
      throws IOException {
    RecordLayout detail = layout.record(RecordRole.DETAIL).orElseThrow();
    ByteCounter sink = new ByteCounter();
    SettlementFileWriter codec = new SettlementFileWriter(layout, sink);
    Map<String, BigDecimal> sums = new LinkedHashMap<>();
    for (FieldDefinition field : detail.fields()) {
      if (field.type() == FieldType.AMOUNT2) {
        sums.put(field.name(), BigDecimal.ZERO.setScale(2));
      }
    }
    int firstDetailLine = layout.record(RecordRole.HEADER).isPresent() ? 2 : 1;
    List<byte[]> records = new ArrayList<>();
    List<Line> lines = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    for (ExportStore.Queued item : items) {
      try {
        Map<String, Object> values = RecordValues.of(detail, item.record());
        records.add(codec.encode(RecordRole.DETAIL, values));
        lines.add(new Line(item.applicationId(), lines.size() + firstDetailLine));
        for (Map.Entry<String, BigDecimal> sum : sums.entrySet()) {
          Object value = values.get(sum.getKey());
          if (value instanceof BigDecimal amount) {
            sum.setValue(sum.getValue().add(amount));
          }
        }
      } catch (RecordValueException e) {
        refused.add(new Refusal(item.applicationId(), e.getMessage()));
      }
    }
    if (lines.isEmpty()) {
      return new Written(lines, refused, sums);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      SettlementFileWriter writer = new SettlementFileWriter(layout, out);
      Map<String, Object> header = new HashMap<>();
      header.put("sequence", (long) sequence);
      header.put("agencyCode", agencyCode.toUpperCase(Locale.ROOT));
      header.put("fileDate", at.toLocalDate());
      header.put("fileTime", at.toLocalTime().withNano(0));
      if (layout.record(RecordRole.HEADER).isPresent()) {
        writer.write(RecordRole.HEADER, header);
      }
      records.forEach(writer::write);
      Map<String, Object> trailer = new HashMap<>();
      trailer.put("recordCount", (long) lines.size());
      sums.forEach(
          (name, sum) ->
              trailer.put(
                  "total" + Character.toUpperCase(name.charAt(0)) + name.substring(1), sum));
      if (layout.record(RecordRole.TRAILER).isPresent()) {
        writer.write(RecordRole.TRAILER, trailer);
      }
    }
    return new Written(lines, refused, sums);
  }

  /** Where the codec's {@code encode} needs no output. */
  private static final class ByteCounter extends OutputStream {
    @Override
    public void write(int b) {}
  }
}
