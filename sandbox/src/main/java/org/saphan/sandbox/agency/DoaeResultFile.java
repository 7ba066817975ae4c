package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.saphan.sandbox.common.FixedWidthRecord;
import org.saphan.sandbox.common.Sha256;

/**
 * The content of one DOAE result file (layout {@code batch/layouts/doae-farmer-results.yaml}):
 * 200-byte TIS-620 records, CRLF; a header ({@code sequence}, {@code agencyCode} {@code doae}, the
 * file date, {@code forSequence}), one detail per application of the export it answers, a trailer
 * ({@code recordCount}). Dates {@code DDMMYYYY} with Buddhist-era years, Thai time. Also its name
 * and manifest.
 */
public final class DoaeResultFile {

  /** Bytes per record, without the line break. */
  static final int RECORD_LENGTH = 200;

  /** DOAE's code in the header. */
  static final String AGENCY_CODE = "doae";

  private static final byte[] CRLF = {'\r', '\n'};
  private static final ObjectMapper JSON = DoaeBatchInbox.JSON;

  /** The broken lines of the {@code bad-lines} fault, in the order they are made. */
  enum Broken {
    UNKNOWN_CODE("result code Z is not one of R, A, X"),
    IMPOSSIBLE_DATE("decided date 30 February does not exist"),
    NEVER_EXPORTED("application id was never exported"),
    NOT_TIS_620("byte 0xFF in reason is not a TIS-620 character"),
    WRONG_LENGTH("record of 199 bytes, not 200");

    final String problem;

    Broken(String problem) {
      this.problem = problem;
    }
  }

  /**
   * The export file a result answers, as the inbox accepted it.
   *
   * @param connector the manifest's connector (the result file's name starts with it)
   * @param sequence the export's sequence (the result's {@code forSequence})
   * @param fileDate the export header's date (Thai date), null when unreadable
   * @param applicationIds its detail records' application ids, in order
   */
  record Export(String connector, long sequence, LocalDate fileDate, List<String> applicationIds) {

    /** Reads an accepted export: its manifest and the data file next to it. */
    static Export read(Path exportManifest) {
      try {
        JsonNode manifest = JSON.readTree(exportManifest.toFile());
        String connector = manifest.path("connector").asText("");
        byte[] data =
            Files.readAllBytes(exportManifest.resolveSibling(manifest.path("file").asText()));
        return read(
            connector.isBlank() ? DoaeResultFiles.DEFAULT_CONNECTOR : connector,
            manifest.path("sequence").asLong(),
            data);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the export " + exportManifest.getFileName(), e);
      }
    }

    /** Reads the header's date and the details' application ids of the hub's export file. */
    static Export read(String connector, long sequence, byte[] data) {
      LocalDate date = null;
      List<String> ids = new ArrayList<>();
      for (String line : new String(data, FixedWidthRecord.TIS_620).split("\r\n")) {
        if (line.startsWith("H") && line.length() >= 27) {
          date = ddmmyyyy(line.substring(19, 27));
        } else if (line.startsWith("D") && line.length() >= 41) {
          ids.add(line.substring(1, 41).strip());
        }
      }
      return new Export(connector, sequence, date, List.copyOf(ids));
    }

    private static LocalDate ddmmyyyy(String value) {
      return value.matches("[0-9]{8}")
          ? BuddhistEra.parseDate(
              value.substring(4) + value.substring(2, 4) + value.substring(0, 2))
          : null;
    }
  }

  /**
   * One detail line as written.
   *
   * @param line its line number in the file (the header is line 1)
   * @param applicationId the application id written on it
   * @param resultCode the result code written on it
   * @param problem why the line is broken on purpose ({@code bad-lines}); null for a good line
   */
  public record Line(int line, String applicationId, String resultCode, String problem) {}

  /** The file's bytes and its detail lines. */
  record Content(byte[] bytes, List<Line> lines) {}

  /** A file to write into the outbox. */
  record Artefact(String name, byte[] bytes) {}

  private DoaeResultFile() {}

  /**
   * Writes the result file answering an export.
   *
   * @param sequence DOAE's result file number
   * @param fileDate the result file's date (the day after the export's)
   * @param decided when DOAE decided (Thai time)
   * @param breakLines whether to break the first lines ({@code bad-lines}), one per {@link Broken}
   */
  static Content write(
      long sequence,
      Export export,
      LocalDate fileDate,
      ZonedDateTime decided,
      DoaeResultPlan plan,
      boolean breakLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    line(
        out,
        record()
            .text("H", 1)
            .number(sequence, 8)
            .text(AGENCY_CODE, 10)
            .text(ddmmyyyy(fileDate), 8)
            .text(BuddhistEra.time(decided), 6)
            .number(export.sequence(), 8)
            .text("", 159)
            .bytes());
    List<Line> lines = new ArrayList<>();
    Broken[] broken = Broken.values();
    for (String id : export.applicationIds()) {
      int index = lines.size();
      Broken fault = breakLines && index < broken.length ? broken[index] : null;
      String written = fault == Broken.NEVER_EXPORTED ? "never-exported-" + (index + 1) : id;
      char code = fault == Broken.UNKNOWN_CODE ? 'Z' : plan.code(id);
      line(out, detail(written, code, fileDate, decided, plan.reason(id), fault));
      lines.add(
          new Line(index + 2, written, String.valueOf(code), fault == null ? null : fault.problem));
    }
    line(out, record().text("T", 1).number(lines.size(), 8).text("", 191).bytes());
    return new Content(out.toByteArray(), List.copyOf(lines));
  }

  private static byte[] detail(
      String id,
      char code,
      LocalDate fileDate,
      ZonedDateTime decided,
      String reason,
      Broken fault) {
    String date =
        fault == Broken.IMPOSSIBLE_DATE
            ? "3002" + (fileDate.getYear() + BuddhistEra.OFFSET)
            : ddmmyyyy(decided.toLocalDate());
    FixedWidthRecord record =
        record()
            .text("D", 1)
            .text(id, 40)
            .text(String.valueOf(code), 1)
            .text(code == 'A' ? farmerId(id) : "", 20)
            .text(date, 8)
            .text(BuddhistEra.time(decided), 6);
    if (fault == Broken.NOT_TIS_620) {
      record.raw(new byte[] {(byte) 0xFF}).text(reason, 99);
    } else {
      record.text(reason, 100);
    }
    return record.text("", fault == Broken.WRONG_LENGTH ? 23 : 24).bytes();
  }

  /** {@code <connector>-result-<yyyyMMdd>-<sequence, 6 digits>.txt}, the file date in CE. */
  static String name(Export export, LocalDate fileDate, long number) {
    return String.format(
        Locale.ROOT,
        "%s-result-%s-%06d.txt",
        export.connector(),
        DateTimeFormatter.BASIC_ISO_DATE.format(fileDate),
        number);
  }

  /**
   * The data file, its signature and its manifest ({@value DoaeResultFiles#MANIFEST_FORMAT}), in
   * the order they are published.
   */
  static List<Artefact> artefacts(
      String name, long number, Export export, Content content, byte[] p7s, Instant now) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", DoaeResultFiles.MANIFEST_FORMAT);
    manifest.put("connector", export.connector());
    manifest.put("agency", DoaeResultFiles.AGENCY);
    manifest.put("sequence", number);
    manifest.put("forSequence", export.sequence());
    manifest.put("file", name);
    manifest.put("sha256", Sha256.hex(content.bytes()));
    manifest.put("signature", name + ".p7s");
    manifest.put("signatureSha256", Sha256.hex(p7s));
    manifest.put("count", content.lines().size());
    manifest.put("createdAt", now.toString());
    try {
      return List.of(
          new Artefact(name, content.bytes()),
          new Artefact(name + ".p7s", p7s),
          new Artefact(
              name + ".manifest.json",
              JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** DOAE's farmer register number of an approved application: {@code DOAE} and 12 digits. */
  static String farmerId(String applicationId) {
    String hash = Sha256.hex(applicationId.getBytes(StandardCharsets.UTF_8));
    long value = Long.parseLong(hash.substring(0, 15), 16) % 1_000_000_000_000L;
    return String.format(Locale.ROOT, "DOAE%012d", value);
  }

  /** {@code DDMMYYYY} with the Buddhist-era year. */
  static String ddmmyyyy(LocalDate date) {
    return String.format(
        Locale.ROOT,
        "%02d%02d%04d",
        date.getDayOfMonth(),
        date.getMonthValue(),
        date.getYear() + BuddhistEra.OFFSET);
  }

  private static FixedWidthRecord record() {
    return new FixedWidthRecord(FixedWidthRecord.TIS_620, RECORD_LENGTH);
  }

  private static void line(ByteArrayOutputStream out, byte[] record) {
    out.writeBytes(record);
    out.writeBytes(CRLF);
  }
}
