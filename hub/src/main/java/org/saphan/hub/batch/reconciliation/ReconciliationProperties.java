package org.saphan.hub.batch.reconciliation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.saphan.hub.platform.sftp.SftpSettings;
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

  @Valid private final Sftp sftp = new Sftp();

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

  /**
   * The bank's SFTP server, where it publishes {@code BILLPAY_<billerId>_<yyyyMMdd>.txt}: the
   * shared SFTP settings, with the bank's password variable and folder as defaults.
   */
  public static class Sftp extends SftpSettings {

    public Sftp() {
      setPasswordVariable("SAPHAN_SFTP_PASSWORD");
      setRemoteDir("/outbound");
    }
  }
}
