package org.saphan.hub.batch.reconciliation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** The nightly e-Payment reconciliation: where settlement files come from, and the job's limits. */
@Validated
@ConfigurationProperties(prefix = "saphan.reconciliation")
public class ReconciliationProperties {

  /** The settlement file layout (path, relative to saphan.home). */
  @NotNull private Path layout = Path.of("batch/layouts/bill-payment-settlement.yaml");

  /**
   * A folder where settlement files are dropped by hand or by another transfer (path); unset: none.
   * Reconciled files move to its {@code processed/} subfolder.
   */
  private Path dropDir;

  /** Detail lines per block: one COPY and one commit each (lines). */
  @Min(100)
  private int chunkSize = 10_000;

  /** Bad lines (and file problems) a file may have before its run fails (lines). */
  @Min(0)
  private int skipLimit = 100_000;

  private final Sftp sftp = new Sftp();

  public Path getLayout() {
    return layout;
  }

  public void setLayout(Path layout) {
    this.layout = layout;
  }

  public Path getDropDir() {
    return dropDir;
  }

  public void setDropDir(Path dropDir) {
    this.dropDir = dropDir;
  }

  public int getChunkSize() {
    return chunkSize;
  }

  public void setChunkSize(int chunkSize) {
    this.chunkSize = chunkSize;
  }

  public int getSkipLimit() {
    return skipLimit;
  }

  public void setSkipLimit(int skipLimit) {
    this.skipLimit = skipLimit;
  }

  public Sftp getSftp() {
    return sftp;
  }

  /** The bank's SFTP server, where it publishes {@code BILLPAY_<billerId>_<yyyyMMdd>.txt}. */
  public static class Sftp {

    /** Whether settlement files are fetched over SFTP. */
    private boolean enabled;

    /** Host name of the bank's SFTP server. */
    private String host;

    /** Its TCP port. */
    private int port = 22;

    /** The login. */
    private String username;

    /**
     * Name of the environment variable (or property) that holds the password; never the password.
     */
    private String passwordVariable = "SAPHAN_SFTP_PASSWORD";

    /** Remote folder of the settlement files. */
    private String remoteDir = "/outbound";

    /**
     * The server's host-key fingerprint ({@code SHA256:...}) to pin; unset accepts any key, with a
     * warning (sandbox only).
     */
    private String hostKeyFingerprint;

    /** Connect, authenticate and read timeout (duration). */
    @NotNull private Duration timeout = Duration.ofSeconds(30);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPasswordVariable() {
      return passwordVariable;
    }

    public void setPasswordVariable(String passwordVariable) {
      this.passwordVariable = passwordVariable;
    }

    public String getRemoteDir() {
      return remoteDir;
    }

    public void setRemoteDir(String remoteDir) {
      this.remoteDir = remoteDir;
    }

    public String getHostKeyFingerprint() {
      return hostKeyFingerprint;
    }

    public void setHostKeyFingerprint(String hostKeyFingerprint) {
      this.hostKeyFingerprint = hostKeyFingerprint;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }
}
