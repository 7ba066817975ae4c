package org.saphan.catalog;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Format;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Thai identifier formats a form or agency request schema may name in {@code format}: {@code
 * th-citizen-id}, {@code th-postcode} and {@code th-mobile}. Asserted by {@link FormSchemas}.
 */
public final class ThaiFormats {

  /** 13 digits whose last is the mod-11 check digit of the first 12 ({@link ThaiCitizenId}). */
  public static final String CITIZEN_ID = "th-citizen-id";

  /** 5 digits, the first two a province prefix from 10 (Bangkok) to 96 (Narathiwat). */
  public static final String POSTCODE = "th-postcode";

  /**
   * A mobile number in the national form 0[689] and 8 more digits. The international form (+66...)
   * is refused: agencies receive the national form, so the portal converts before it sends.
   */
  public static final String MOBILE = "th-mobile";

  private static final Pattern POSTCODE_PATTERN = Pattern.compile("[0-9]{5}");
  private static final Pattern MOBILE_PATTERN = Pattern.compile("0[689][0-9]{8}");

  private ThaiFormats() {}

  /** Every Thai format, for a meta-schema. */
  public static List<Format> all() {
    return List.of(
        new Check(
            CITIZEN_ID,
            "must be a 13-digit Thai citizen id with a valid check digit",
            ThaiCitizenId::isValid),
        new Check(
            POSTCODE,
            "must be a 5-digit Thai postcode starting with 10 to 96",
            ThaiFormats::isPostcode),
        new Check(
            MOBILE,
            "must be a 10-digit Thai mobile number starting with 06, 08 or 09",
            value -> MOBILE_PATTERN.matcher(value).matches()));
  }

  /** True for 5 digits whose first two are a province prefix (10 to 96). */
  public static boolean isPostcode(String value) {
    if (value == null || !POSTCODE_PATTERN.matcher(value).matches()) {
      return false;
    }
    int province = Integer.parseInt(value.substring(0, 2));
    return province >= 10 && province <= 96;
  }

  /** A format checked on strings only; other types pass, as JSON Schema formats do. */
  private record Check(String name, String description, Predicate<String> test) implements Format {

    @Override
    public String getName() {
      return name;
    }

    @Override
    public String getErrorMessageDescription() {
      return description;
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
      return test.test(value);
    }
  }
}
