package org.saphan.hub.evidence;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.saphan.hub.platform.sftp.SftpSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The message log's settings ({@code saphan.evidence.*}, docs/evidence.md): batch timestamping and
 * its fail-safe (the job's cadence is {@code saphan.evidence.timestamp-interval}), the daily
 * archive and retention (the {@code evidence-timestamper} and {@code evidence-archive} jobs of
 * batch/schedules.yaml).
 */
@Validated
@ConfigurationProperties(prefix = "saphan.evidence")
public class EvidenceProperties {

  /** Records sealed into one manifest at most (the rest wait for the next manifest). */
  @Min(1)
  @Max(100_000)
  private int batchSize = 5000;

  /**
   * X-Road's acceptable timestamp failure period: when the oldest record not yet covered by a TSA
   * token is older than this, deliveries pause (cluster-wide) until stamping catches up.
   */
  @NotNull private Duration maxUnstampedAge = Duration.ofHours(4);

  /** The time-stamping authority. */
  @Valid @NotNull private Tsa tsa = new Tsa();

  /** The RFC 3161 time-stamping authority the timestamper asks. */
  public static class Tsa {

    /**
     * The TSA's URL ({@code POST application/timestamp-query}); unset, nothing is stamped and the
     * fail-safe pauses deliveries once the oldest record is older than max-unstamped-age.
     */
    private URI url;

    /**
     * The TSA's certificate, a PEM file in the key directory's {@code public/} folder: tokens must
     * be signed by it, and it must hold the critical extended key usage {@code timeStamping}.
     */
    @NotBlank private String certificate = "party-tsa.pem";

    /** One TSA request's whole budget (connecting and the answer). */
    @NotNull private Duration timeout = Duration.ofSeconds(10);

    public URI getUrl() {
      return url;
    }

    public void setUrl(URI url) {
      this.url = url;
    }

    public String getCertificate() {
      return certificate;
    }

    public void setCertificate(String certificate) {
      this.certificate = certificate;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }

  public Duration getMaxUnstampedAge() {
    return maxUnstampedAge;
  }

  public void setMaxUnstampedAge(Duration maxUnstampedAge) {
    this.maxUnstampedAge = maxUnstampedAge;
  }

  public Tsa getTsa() {
    return tsa;
  }

  public void setTsa(Tsa tsa) {
    this.tsa = tsa;
  }

  /**
   * How long archived evidence rows and manifests, and closed applications, stay in PostgreSQL
   * (duration, e.g. 365d): PDPA storage limitation. Evidence leaves only once archived.
   */
  @NotNull private Duration retention = Duration.ofDays(365);

  @Valid private final Archive archive = new Archive();

  public Duration getRetention() {
    return retention;
  }

  public void setRetention(Duration retention) {
    this.retention = retention;
  }

  public Archive getArchive() {
    return archive;
  }

  /** The archive folder, and the SFTP store archives are copied to. */
  public static class Archive {

    /**
     * The archive store each day's archive is uploaded to once written (write-once: a temporary
     * name renamed when complete, never overwriting); disabled by default. Until an archive is
     * uploaded, retention keeps its rows in PostgreSQL.
     */
    @Valid private final SftpSettings sftp = new SftpSettings();

    /**
     * The folder the daily {@code evidence-YYYY-MM-DD.zip} files are written to (path); unset:
     * {@code evidence-archive/} under the data directory.
     */
    private Path location;

    public Path getLocation() {
      return location;
    }

    public void setLocation(Path location) {
      this.location = location;
    }

    public SftpSettings getSftp() {
      return sftp;
    }
  }
}
