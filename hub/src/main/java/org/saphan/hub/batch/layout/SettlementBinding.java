package org.saphan.hub.batch.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saphan.catalog.layout.FieldDefinition;
import org.saphan.catalog.layout.FieldType;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The settlement records' view of a layout: field positions resolved once, so each line is read by
 * index. Refuses a layout that lacks a field the records need.
 */
final class SettlementBinding {
  private final RecordLayout headerRecord;
  private final RecordLayout detailRecord;
  private final RecordLayout trailerRecord;
  final String headerCode;
  final String trailerCode;
  private final List<String> problems = new ArrayList<>();

  private final int hSeq;
  private final int hBankCode;
  private final int hCompanyAccount;
  private final int hCompanyName;
  private final int hEffectiveDate;
  private final int hServiceCode;

  private final int dSeq;
  private final int dBankCode;
  private final int dCompanyAccount;
  private final int dPaymentDate;
  private final int dTime;
  private final int dCustomerName;
  private final int dRef1;
  private final int dRef2;
  private final int dRef3;
  private final int dBranch;
  private final int dTeller;
  private final int dKind;
  private final int dTransactionCode;
  private final int dChequeNo;
  private final int dAmount;
  private final int dChequeBankCode;
  private final int dBillerId;
  private final int dPayerBankCode;
  private final int dNewChequeNo;

  private final int tSeq;
  private final int tBankCode;
  private final int tCompanyAccount;
  private final int tTotalDebitAmount;
  private final int tDebitCount;
  private final int tTotalCreditAmount;
  private final int tCreditCount;

  SettlementBinding(FixedWidthLayout layout) {
    headerRecord = role(layout, RecordRole.HEADER);
    detailRecord = role(layout, RecordRole.DETAIL);
    trailerRecord = role(layout, RecordRole.TRAILER);
    for (RecordLayout record : layout.records()) {
      if (record.role() == null) {
        problems.add(
            "records[" + record.code() + "]: a settlement layout gives every record a role");
      }
    }
    headerCode = headerRecord == null ? "?" : headerRecord.code();
    trailerCode = trailerRecord == null ? "?" : trailerRecord.code();

    hSeq = field(headerRecord, "seq", FieldType.NUMBER, true);
    hBankCode = field(headerRecord, "bankCode", FieldType.TEXT, false);
    hCompanyAccount = field(headerRecord, "companyAccount", FieldType.TEXT, false);
    hCompanyName = field(headerRecord, "companyName", FieldType.TEXT, false);
    hEffectiveDate = field(headerRecord, "effectiveDate", FieldType.DATE_DDMMYYYY, false);
    hServiceCode = field(headerRecord, "serviceCode", FieldType.TEXT, false);

    dSeq = field(detailRecord, "seq", FieldType.NUMBER, true);
    dBankCode = field(detailRecord, "bankCode", FieldType.TEXT, false);
    dCompanyAccount = field(detailRecord, "companyAccount", FieldType.TEXT, false);
    dPaymentDate = field(detailRecord, "paymentDate", FieldType.DATE_DDMMYYYY, false);
    dTime = field(detailRecord, "time", FieldType.TIME_HHMMSS, false);
    dCustomerName = field(detailRecord, "customerName", FieldType.TEXT, false);
    dRef1 = field(detailRecord, "ref1", FieldType.TEXT, false);
    dRef2 = field(detailRecord, "ref2", FieldType.TEXT, false);
    dRef3 = field(detailRecord, "ref3", FieldType.TEXT, false);
    dBranch = field(detailRecord, "branch", FieldType.TEXT, false);
    dTeller = field(detailRecord, "teller", FieldType.TEXT, false);
    dKind = field(detailRecord, "kind", FieldType.TEXT, true);
    dTransactionCode = field(detailRecord, "transactionCode", FieldType.TEXT, false);
    dChequeNo = field(detailRecord, "chequeNo", FieldType.TEXT, false);
    dAmount = field(detailRecord, "amount", FieldType.AMOUNT2, true);
    dChequeBankCode = field(detailRecord, "chequeBankCode", FieldType.TEXT, false);
    dBillerId = field(detailRecord, "billerId", FieldType.TEXT, false);
    dPayerBankCode = field(detailRecord, "payerBankCode", FieldType.TEXT, false);
    dNewChequeNo = field(detailRecord, "newChequeNo", FieldType.TEXT, false);
    if (dKind >= 0) {
      List<String> kinds = detailRecord.fields().get(dKind).values();
      if (kinds.isEmpty() || !List.of("C", "D").containsAll(kinds)) {
        problems.add(
            "records["
                + detailRecord.code()
                + "].fields[kind].values: must list the kinds read, among C and D");
      }
    }

    tSeq = field(trailerRecord, "seq", FieldType.NUMBER, true);
    tBankCode = field(trailerRecord, "bankCode", FieldType.TEXT, false);
    tCompanyAccount = field(trailerRecord, "companyAccount", FieldType.TEXT, false);
    tTotalDebitAmount = field(trailerRecord, "totalDebitAmount", FieldType.AMOUNT2, true);
    tDebitCount = field(trailerRecord, "debitCount", FieldType.NUMBER, true);
    tTotalCreditAmount = field(trailerRecord, "totalCreditAmount", FieldType.AMOUNT2, true);
    tCreditCount = field(trailerRecord, "creditCount", FieldType.NUMBER, true);

    if (!problems.isEmpty()) {
      throw SaphanException.validation(
          ErrorCode.BATCH_LAYOUT_INVALID,
          "layout "
              + layout.name()
              + " cannot be read as a settlement file:\n - "
              + String.join("\n - ", problems),
          Map.of("problems", List.copyOf(problems)));
    }
  }

  RecordLayout record(String code) {
    if (code.equals(detailRecord.code())) {
      return detailRecord;
    }
    if (code.equals(headerRecord.code())) {
      return headerRecord;
    }
    return code.equals(trailerRecord.code()) ? trailerRecord : null;
  }

  SettlementHeader header(long lineNumber, ParsedRecord r) {
    return new SettlementHeader(
        lineNumber,
        r.number(hSeq),
        r.text(hBankCode),
        r.text(hCompanyAccount),
        r.text(hCompanyName),
        r.date(hEffectiveDate),
        r.text(hServiceCode));
  }

  SettlementDetail detail(long lineNumber, ParsedRecord r) {
    return new SettlementDetail(
        lineNumber,
        r.number(dSeq),
        r.text(dBankCode),
        r.text(dCompanyAccount),
        r.date(dPaymentDate),
        r.time(dTime),
        r.text(dCustomerName),
        r.text(dRef1),
        r.text(dRef2),
        r.text(dRef3),
        r.text(dBranch),
        r.text(dTeller),
        SettlementDetail.Kind.of(r.text(dKind)),
        r.text(dTransactionCode),
        r.text(dChequeNo),
        r.amount(dAmount),
        r.text(dChequeBankCode),
        r.text(dBillerId),
        r.text(dPayerBankCode),
        r.text(dNewChequeNo));
  }

  SettlementTrailer trailer(long lineNumber, ParsedRecord r) {
    return new SettlementTrailer(
        lineNumber,
        r.number(tSeq),
        r.text(tBankCode),
        r.text(tCompanyAccount),
        r.amount(tTotalDebitAmount),
        r.number(tDebitCount),
        r.amount(tTotalCreditAmount),
        r.number(tCreditCount));
  }

  private RecordLayout role(FixedWidthLayout layout, RecordRole role) {
    RecordLayout record = layout.record(role).orElse(null);
    if (record == null) {
      problems.add("records: no record has role " + role.name().toLowerCase(Locale.ROOT));
    }
    return record;
  }

  private int field(RecordLayout record, String name, FieldType type, boolean required) {
    if (record == null) {
      return -1;
    }
    String path = "records[" + record.code() + "].fields[" + name + "]";
    int index = record.indexOf(name);
    if (index < 0) {
      problems.add(path + ": missing");
      return -1;
    }
    FieldDefinition field = record.fields().get(index);
    if (field.type() != type) {
      problems.add(path + ".type: must be " + type.yamlName() + ", got " + field.type().yamlName());
    }
    if (required && !field.required()) {
      problems.add(path + ".required: must be true, the record cannot do without it");
    }
    return index;
  }
}
