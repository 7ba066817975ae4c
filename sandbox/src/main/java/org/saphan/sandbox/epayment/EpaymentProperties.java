package org.saphan.sandbox.epayment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the e-Payment gateway and bank simulator. The common settings {@code
 * sandbox.hub.base-url}, {@code sandbox.keys.dir} and {@code SAPHAN_KEYSTORE_PASSWORD} are read
 * from the environment by {@link EpaymentConfiguration}.
 *
 * @param publicBaseUrl base URL of the gateway as the hub reaches it, for the {@code receiptUrl} of
 *     notifications; empty means {@code http://localhost:<server port>}
 * @param notificationPath path of the hub's payment notification endpoint
 * @param retryInitialDelay wait before the first retry of a notification (duration)
 * @param retryMultiplier factor applied to the wait after each failed attempt
 * @param retryMaxDelay the longest wait between two attempts (duration)
 * @param maxAttempts attempts per notification before the gateway gives up
 * @param requestTimeout how long one delivery attempt may take (duration)
 * @param maxNotificationDelay the longest {@code notificationDelayMillis} a fault may ask for
 * @param notificationLogSize how many notifications the log keeps (the oldest are dropped first)
 * @param payers where the payers are read from (Spring resource location)
 * @param seller the party that issues the e-Receipts (the central e-Payment component)
 * @param bank the biller's bank, which writes the settlement file
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.epayment")
public record EpaymentProperties(
    @DefaultValue("") String publicBaseUrl,
    @DefaultValue("/payment/v1/notifications") @NotBlank String notificationPath,
    @DefaultValue("500ms") @NotNull Duration retryInitialDelay,
    @DefaultValue("2.0") @DecimalMin("1.0") double retryMultiplier,
    @DefaultValue("30s") @NotNull Duration retryMaxDelay,
    @DefaultValue("20") @Min(1) @Max(100) int maxAttempts,
    @DefaultValue("10s") @NotNull Duration requestTimeout,
    @DefaultValue("60s") @NotNull Duration maxNotificationDelay,
    @DefaultValue("1000") @Min(1) @Max(100_000) int notificationLogSize,
    @DefaultValue("classpath:epayment/payers.json") @NotBlank String payers,
    @DefaultValue @Valid Seller seller,
    @DefaultValue @Valid Bank bank) {

  /**
   * The receipt issuer. Invented: a juristic tax id with a valid check digit that belongs to no
   * one.
   *
   * @param taxId 13-digit tax id
   * @param branch 5-digit branch, {@code 00000} for the head office
   * @param name Thai name
   * @param buildingNumber house number
   * @param streetName street
   * @param subdistrict TISI 6-digit tambon/khwaeng code
   * @param district TISI 4-digit amphoe/khet code
   * @param province TISI 2-digit province code
   * @param postcode 5-digit postcode
   */
  public record Seller(
      @DefaultValue("0994000987650") @Pattern(regexp = "[0-9]{13}") String taxId,
      @DefaultValue("00000") @Pattern(regexp = "[0-9]{5}") String branch,
      @DefaultValue("ระบบรับชำระเงินกลางภาครัฐ (แซนด์บ็อกซ์)") @NotBlank String name,
      @DefaultValue("1") @NotBlank String buildingNumber,
      @DefaultValue("ถนนพระรามที่ 6") @NotBlank String streetName,
      @DefaultValue("101401") @Pattern(regexp = "[0-9]{6}") String subdistrict,
      @DefaultValue("1014") @Pattern(regexp = "[0-9]{4}") String district,
      @DefaultValue("10") @Pattern(regexp = "[0-9]{2}") String province,
      @DefaultValue("10400") @Pattern(regexp = "[0-9]{5}") String postcode) {

    /** The ETDA {@code TXID}: tax id and branch, 18 digits. */
    public String txid() {
      return taxId + branch;
    }
  }

  /**
   * The biller's bank and account, as written in the settlement file's H, D and T records.
   *
   * @param code BOT 3-digit bank code (006 KTB)
   * @param companyAccount the biller's 10-digit account
   * @param companyName the account name (at most 40 bytes in TIS-620)
   * @param serviceCode the 8-character service code of the header
   * @param branch the 4-digit branch written in detail records
   * @param teller the 4-digit teller written in detail records
   * @param transactionCode the 3-character transaction code of detail records
   */
  public record Bank(
      @DefaultValue("006") @Pattern(regexp = "[0-9]{3}") String code,
      @DefaultValue("9870012345") @Pattern(regexp = "[0-9]{10}") String companyAccount,
      @DefaultValue("SAPHAN SANDBOX BILLER") @NotBlank String companyName,
      @DefaultValue("BILLPAY") @NotBlank String serviceCode,
      @DefaultValue("0001") @Pattern(regexp = "[0-9]{4}") String branch,
      @DefaultValue("9999") @Pattern(regexp = "[0-9]{4}") String teller,
      @DefaultValue("ETF") @NotBlank String transactionCode) {}
}
