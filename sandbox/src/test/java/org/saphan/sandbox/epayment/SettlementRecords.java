package org.saphan.sandbox.epayment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a settlement file back by the byte slices of facts §3.2, as a reconciliation would. */
final class SettlementRecords {

  private SettlementRecords() {}

  /** The records, split on CRLF; fails when the file does not end with CRLF. */
  static List<byte[]> split(byte[] file) {
    List<byte[]> records = new ArrayList<>();
    int start = 0;
    for (int i = 0; i + 1 < file.length; i++) {
      if (file[i] == '\r' && file[i + 1] == '\n') {
        records.add(Arrays.copyOfRange(file, start, i));
        start = i + 2;
        i++;
      }
    }
    if (start != file.length) {
      throw new AssertionError("the file does not end with CRLF");
    }
    return records;
  }

  /** The bytes {@code [from, to)} of a record, decoded as TIS-620. */
  static String field(byte[] record, int from, int to) {
    return new String(Arrays.copyOfRange(record, from, to), SettlementFile.TIS_620);
  }

  /** A detail record's ref1, trimmed. */
  static String ref1(byte[] detail) {
    return field(detail, 84, 104).strip();
  }

  /** A detail record's amount, as written (13 digits). */
  static String amount(byte[] detail) {
    return field(detail, 163, 176);
  }
}
