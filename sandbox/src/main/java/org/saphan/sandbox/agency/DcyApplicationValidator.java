package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Pattern;
import org.saphan.sandbox.ThaiCitizenId;

/**
 * DCY's checks of a newborn grant registration (the format of {@code
 * mappings/dcy-newborn-grant/request.jsonata}); the first failed check is the refusal.
 */
final class DcyApplicationValidator {

  /**
   * A refusal as DCY words it.
   *
   * @param resultCode {@code E1xx}
   * @param resultDesc Thai description
   */
  record Refusal(String resultCode, String resultDesc) {}

  static final String INCOMPLETE = "E100";
  static final String APPLICANT_ID = "E101";
  static final String CHILD_ID = "E102";
  static final String DATE = "E103";
  static final String BANK = "E104";
  static final String INCOME = "E105";

  private static final Pattern MOBILE = Pattern.compile("0[0-9]{8,9}");
  private static final Pattern ZIPCODE = Pattern.compile("[0-9]{5}");
  private static final Pattern BANK_CODE = Pattern.compile("[0-9]{3}");
  private static final Pattern ACCOUNT_NO = Pattern.compile("[0-9]{10,15}");

  private DcyApplicationValidator() {}

  static Optional<Refusal> check(JsonNode root) {
    if (root == null || !root.isObject()) {
      return incomplete("body");
    }
    if (!text(root, "requestRef", 64)) {
      return incomplete("requestRef");
    }
    if (!date(root, "requestDate")) {
      return badDate("requestDate");
    }
    JsonNode applicant = root.path("applicant");
    if (!applicant.isObject()) {
      return incomplete("applicant");
    }
    if (!applicant.path("pid").isTextual()) {
      return incomplete("applicant.pid");
    }
    if (!ThaiCitizenId.isValid(applicant.path("pid").asText())) {
      return refuse(APPLICANT_ID, "เลขประจำตัวประชาชนของผู้ยื่นคำขอไม่ถูกต้อง");
    }
    for (String field : new String[] {"fname", "lname"}) {
      if (!text(applicant, field, 100)) {
        return incomplete("applicant." + field);
      }
    }
    if (!date(applicant, "birthDate")) {
      return badDate("applicant.birthDate");
    }
    JsonNode mobile = applicant.path("mobile");
    if (!mobile.isMissingNode()
        && !mobile.isNull()
        && !(mobile.isTextual() && MOBILE.matcher(mobile.asText()).matches())) {
      return incomplete("applicant.mobile");
    }
    JsonNode address = root.path("address");
    if (!address.isObject() || !text(address, "province", 100)) {
      return incomplete("address.province");
    }
    if (!address.path("zipcode").isTextual()
        || !ZIPCODE.matcher(address.path("zipcode").asText()).matches()) {
      return incomplete("address.zipcode");
    }
    JsonNode child = root.path("child");
    if (!child.isObject()) {
      return incomplete("child");
    }
    if (!child.path("pid").isTextual()) {
      return incomplete("child.pid");
    }
    if (!ThaiCitizenId.isValid(child.path("pid").asText())) {
      return refuse(CHILD_ID, "เลขประจำตัวประชาชนของเด็กไม่ถูกต้อง");
    }
    if (!text(child, "fname", 100)) {
      return incomplete("child.fname");
    }
    if (!date(child, "birthDate")) {
      return badDate("child.birthDate");
    }
    JsonNode bank = root.path("bank");
    if (!bank.isObject()
        || !bank.path("bankCode").isTextual()
        || !BANK_CODE.matcher(bank.path("bankCode").asText()).matches()
        || !bank.path("accountNo").isTextual()
        || !ACCOUNT_NO.matcher(bank.path("accountNo").asText()).matches()) {
      return refuse(BANK, "ข้อมูลบัญชีธนาคารไม่ถูกต้อง");
    }
    JsonNode income = root.path("familyIncome");
    if (income.isMissingNode() || income.isNull()) {
      return incomplete("familyIncome");
    }
    if (!income.isNumber() || income.asDouble() < 0) {
      return refuse(INCOME, "รายได้ครอบครัวไม่ถูกต้อง");
    }
    return Optional.empty();
  }

  private static boolean text(JsonNode node, String field, int maxLength) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() && value.asText().length() <= maxLength;
  }

  private static boolean date(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && BuddhistEra.parseDate(value.asText()) != null;
  }

  private static Optional<Refusal> incomplete(String field) {
    return refuse(INCOMPLETE, "ข้อมูลคำขอไม่ครบถ้วนหรือไม่ถูกต้อง: " + field);
  }

  private static Optional<Refusal> badDate(String field) {
    return refuse(DATE, "วันที่ไม่ถูกต้อง: " + field);
  }

  private static Optional<Refusal> refuse(String code, String description) {
    return Optional.of(new Refusal(code, description));
  }
}
