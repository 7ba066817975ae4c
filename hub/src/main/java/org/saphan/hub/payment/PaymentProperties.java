package org.saphan.hub.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/** e-Payment settings: payment orders, the gateway's notifications and its e-Receipts. */
@Validated
@ConfigurationProperties(prefix = "saphan.payment")
public class PaymentProperties {

  /** How long a payment order can be paid after it is created (duration, default 24 h). */
  @NotNull private Duration orderTtl = Duration.ofHours(24);

  /** How often the once-per-cluster sweep expires unpaid orders (duration). */
  @NotNull private Duration expirySweepInterval = Duration.ofMinutes(1);

  /**
   * The gateway's name as an issuer: namespaces its JWS {@code jti}s in the replay store (text).
   */
  @NotBlank private String gatewayIssuer = "epayment";

  /**
   * The gateway's certificate (PEM file name in the key directory's {@code public/} folder) that
   * notifications' detached JWS must be signed with: pinned, like a connector card's trust.
   */
  @NotBlank private String gatewayTrustCertificate = "party-epayment.pem";

  /**
   * The gateway's base URL: e-Receipts are fetched only from its origin (egress allow-list). Unset:
   * receipts are not fetched.
   */
  private URI gatewayBaseUrl;

  /** The CA (PEM file in the key directory's {@code public/} folder) e-Receipt signers chain to. */
  @NotBlank private String receiptTrustCa = "sandbox-ca.pem";

  /** How long a notification's JWS stays fresh, and its jti is remembered (duration). */
  @NotNull private Duration notificationMaxAge = Duration.ofMinutes(5);

  /** How often the once-per-cluster sweep fetches e-Receipts still missing (duration). */
  @NotNull private Duration receiptFetchInterval = Duration.ofSeconds(30);

  /** Largest e-Receipt accepted (bytes). */
  @NotNull private DataSize receiptMaxSize = DataSize.ofKilobytes(512);

  /** Time budget of one e-Receipt download (duration). */
  @NotNull private Duration receiptTimeout = Duration.ofSeconds(10);

  public Duration getOrderTtl() {
    return orderTtl;
  }

  public void setOrderTtl(Duration orderTtl) {
    this.orderTtl = orderTtl;
  }

  public Duration getExpirySweepInterval() {
    return expirySweepInterval;
  }

  public void setExpirySweepInterval(Duration expirySweepInterval) {
    this.expirySweepInterval = expirySweepInterval;
  }

  public String getGatewayIssuer() {
    return gatewayIssuer;
  }

  public void setGatewayIssuer(String gatewayIssuer) {
    this.gatewayIssuer = gatewayIssuer;
  }

  public String getGatewayTrustCertificate() {
    return gatewayTrustCertificate;
  }

  public void setGatewayTrustCertificate(String gatewayTrustCertificate) {
    this.gatewayTrustCertificate = gatewayTrustCertificate;
  }

  public URI getGatewayBaseUrl() {
    return gatewayBaseUrl;
  }

  public void setGatewayBaseUrl(URI gatewayBaseUrl) {
    this.gatewayBaseUrl = gatewayBaseUrl;
  }

  public String getReceiptTrustCa() {
    return receiptTrustCa;
  }

  public void setReceiptTrustCa(String receiptTrustCa) {
    this.receiptTrustCa = receiptTrustCa;
  }

  public Duration getNotificationMaxAge() {
    return notificationMaxAge;
  }

  public void setNotificationMaxAge(Duration notificationMaxAge) {
    this.notificationMaxAge = notificationMaxAge;
  }

  public Duration getReceiptFetchInterval() {
    return receiptFetchInterval;
  }

  public void setReceiptFetchInterval(Duration receiptFetchInterval) {
    this.receiptFetchInterval = receiptFetchInterval;
  }

  public DataSize getReceiptMaxSize() {
    return receiptMaxSize;
  }

  public void setReceiptMaxSize(DataSize receiptMaxSize) {
    this.receiptMaxSize = receiptMaxSize;
  }

  public Duration getReceiptTimeout() {
    return receiptTimeout;
  }

  public void setReceiptTimeout(Duration receiptTimeout) {
    this.receiptTimeout = receiptTimeout;
  }
}
