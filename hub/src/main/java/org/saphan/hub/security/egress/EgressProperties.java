package org.saphan.hub.security.egress;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** How the hub may call out to agencies and info sources ({@code saphan.egress.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.egress")
public class EgressProperties {

  /**
   * Whether loopback addresses (127.0.0.0/8, ::1) may be reached; true only in the sandbox profile,
   * whose simulated agencies run on localhost.
   */
  private boolean allowLoopback = false;

  /**
   * Private ranges (CIDR, e.g. {@code 10.20.0.0/16}) that agency hosts may resolve to; empty by
   * default because government networks differ and each range must be listed on purpose. Covers RFC
   * 1918, CGNAT 100.64/10 and unique-local fc00::/7 only: loopback, link-local and metadata
   * addresses are never opened by this list.
   */
  @NotNull
  private List<@NotNull @Pattern(regexp = "[0-9A-Fa-f:.]+/[0-9]{1,3}") String> allowedPrivateCidrs =
      new ArrayList<>();

  /** Time allowed to open the TCP (and TLS) connection, per attempt. */
  @NotNull private Duration connectTimeout = Duration.ofSeconds(5);

  /** Time allowed between two reads once connected (socket timeout). */
  @NotNull private Duration readTimeout = Duration.ofSeconds(10);

  /**
   * Largest response body accepted, in bytes (default 1 MiB); larger answers are refused without
   * being buffered.
   */
  @Min(1024)
  @Max(64L * 1024 * 1024)
  private long maxResponseBytes = 1024L * 1024;

  /** Redirects followed per request, each hop checked against the card's allow-list again. */
  @Min(0)
  @Max(10)
  private int maxRedirects = 3;

  /** {@code User-Agent} header sent on every outbound request. */
  @NotBlank private String userAgent = "Saphan-Hub/0.1";

  /**
   * Connections open at once per host and port (number of connections); every outbound call shares
   * one pool, and in the sandbox every simulated party is one host, so this bounds all of them
   * together there.
   */
  @Min(1)
  private int maxConnectionsPerHost = 32;

  /** Connections open at once in total (number of connections). */
  @Min(1)
  private int maxConnectionsTotal = 256;

  public boolean isAllowLoopback() {
    return allowLoopback;
  }

  public void setAllowLoopback(boolean allowLoopback) {
    this.allowLoopback = allowLoopback;
  }

  public List<String> getAllowedPrivateCidrs() {
    return allowedPrivateCidrs;
  }

  public void setAllowedPrivateCidrs(List<String> allowedPrivateCidrs) {
    this.allowedPrivateCidrs = allowedPrivateCidrs;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public long getMaxResponseBytes() {
    return maxResponseBytes;
  }

  public void setMaxResponseBytes(long maxResponseBytes) {
    this.maxResponseBytes = maxResponseBytes;
  }

  public int getMaxRedirects() {
    return maxRedirects;
  }

  public void setMaxRedirects(int maxRedirects) {
    this.maxRedirects = maxRedirects;
  }

  public String getUserAgent() {
    return userAgent;
  }

  public void setUserAgent(String userAgent) {
    this.userAgent = userAgent;
  }

  public int getMaxConnectionsPerHost() {
    return maxConnectionsPerHost;
  }

  public void setMaxConnectionsPerHost(int maxConnectionsPerHost) {
    this.maxConnectionsPerHost = maxConnectionsPerHost;
  }

  public int getMaxConnectionsTotal() {
    return maxConnectionsTotal;
  }

  public void setMaxConnectionsTotal(int maxConnectionsTotal) {
    this.maxConnectionsTotal = maxConnectionsTotal;
  }
}
