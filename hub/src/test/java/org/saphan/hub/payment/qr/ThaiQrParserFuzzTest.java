package org.saphan.hub.payment.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * Fuzz target for {@link ThaiQrParser}: any string is either a parsed QR or a {@code
 * qr_payload_invalid} refusal, and a QR that passes the builder's rules round-trips.
 *
 * <p>An input is the payload; one that starts with {@code R} is a payload whose CRC the harness
 * repairs, since without a valid CRC almost every mutation stops at the CRC check. Regression
 * inputs: {@code ThaiQrParserFuzzTestInputs/<method>/}. Fuzzing: {@code ./saphan fuzz qr}.
 */
class ThaiQrParserFuzzTest {

  @FuzzTest(maxDuration = "5m")
  void shouldParseOrRefuseWithQrPayloadInvalidWhenGivenAnyPayload(byte[] input) {
    // given
    String text = new String(input, StandardCharsets.UTF_8);
    String payload = text.startsWith("R") ? withValidCrc(text.substring(1)) : text;

    // when
    ParsedThaiQr parsed;
    try {
      parsed = ThaiQrParser.parse(payload);
    } catch (SaphanException e) {
      // then
      assertThat(e.code()).isEqualTo(ErrorCode.QR_PAYLOAD_INVALID);
      return;
    }

    // then
    ThaiQrBillPayment strict;
    try {
      strict = parsed.toBillPayment();
    } catch (SaphanException e) {
      assertThat(e.code()).isNotNull();
      return;
    }
    ParsedThaiQr again = ThaiQrParser.parse(strict.payload());
    assertThat(again.toBillPayment().payload()).isEqualTo(strict.payload());
  }

  private static String withValidCrc(String text) {
    String body =
        text.length() >= 8 && text.startsWith("6304", text.length() - 8)
            ? text.substring(0, text.length() - 4)
            : text + "6304";
    return body + Crc16CcittFalse.hex(body);
  }
}
