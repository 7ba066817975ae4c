package org.saphan.hub.batch.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SafeErrors;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.platform.sftp.SftpConnection;
import org.saphan.hub.platform.sftp.SftpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Where settlement files come from: the bank's SFTP server ({@code
 * <remoteDir>/BILLPAY_<billerId>_<yyyyMMdd>.txt}, through the hub's one SFTP client {@link
 * SftpEndpoint}: password from a named variable, host key pinned when a fingerprint is configured)
 * and a drop folder. Files are copied to a local temporary file; the launcher takes them into its
 * inbox by SHA-256.
 */
public class SettlementSources {

  private static final Logger log = LoggerFactory.getLogger(SettlementSources.class);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  /** A file fetched into a local temporary place. */
  public record Fetched(Path file, String name, String source) {}

  private final ReconciliationProperties properties;
  private final Environment environment;
  private final Path workDir;

  public SettlementSources(
      ReconciliationProperties properties, Environment environment, Path workDir) {
    this.properties = properties;
    this.environment = environment;
    this.workDir = workDir;
  }

  /** The bank's file name of a biller's settlement day. */
  public static String fileName(String billerId, LocalDate day) {
    return "BILLPAY_" + billerId + "_" + DAY.format(day) + ".txt";
  }

  /**
   * Downloads the day's files of these billers from the bank's SFTP server (those that exist).
   *
   * @throws SaphanException {@code upstream_unavailable} when the server cannot be reached; {@code
   *     sftp_host_key_mismatch} when it shows another host key than the pinned one
   */
  public List<Fetched> fromSftp(LocalDate day, Collection<String> billerIds) {
    ReconciliationProperties.Sftp sftp = properties.getSftp();
    List<Fetched> fetched = new ArrayList<>();
    if (!sftp.isEnabled() || billerIds.isEmpty()) {
      return fetched;
    }
    SftpEndpoint endpoint = new SftpEndpoint("saphan.reconciliation.sftp", sftp, environment);
    try (SftpConnection files = endpoint.connect()) {
      for (String billerId : billerIds) {
        String name = fileName(billerId, day);
        Path local = Files.createDirectories(workDir).resolve("sftp-" + UUID.randomUUID());
        if (!files.download(SftpConnection.join(sftp.getRemoteDir(), name), local)) {
          log.debug("No settlement file {} on the bank's server", name);
          continue;
        }
        fetched.add(new Fetched(local, name, "sftp"));
      }
    } catch (IOException e) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          "cannot fetch settlement files from "
              + sftp.getHost()
              + ":"
              + sftp.getPort()
              + ": "
              + e.getMessage(),
          e);
    }
    return fetched;
  }

  /** The files waiting in the drop folder (not yet processed), by name. */
  public List<Fetched> dropped() {
    List<Fetched> files = new ArrayList<>();
    Path drop = properties.getDropDir();
    if (drop == null || !Files.isDirectory(drop)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(drop, "*.txt")) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(new Fetched(entry, entry.getFileName().toString(), "drop"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the drop folder", e);
    }
    files.sort(java.util.Comparator.comparing(Fetched::name));
    return files;
  }

  /**
   * One file of the drop folder, by name.
   *
   * @throws SaphanException {@code settlement_file_not_found}
   */
  public Fetched dropped(String name) {
    return dropped().stream()
        .filter(f -> f.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                SaphanException.validation(
                    ErrorCode.SETTLEMENT_FILE_NOT_FOUND,
                    "no settlement file " + name + " in the drop folder"));
  }

  /** Moves a reconciled drop-folder file to {@code processed/}. */
  public void processed(Fetched file) {
    if (!"drop".equals(file.source())) {
      deleteQuietly(file.file());
      return;
    }
    try {
      Path done = Files.createDirectories(file.file().resolveSibling("processed"));
      Files.move(file.file(), done.resolve(file.name()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("Could not move {} to processed/: {}", file.name(), SafeErrors.describe(e));
    }
  }

  /** Removes a temporary download. */
  public void discard(Fetched file) {
    if (!"drop".equals(file.source())) {
      deleteQuietly(file.file());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("Could not delete {}", file);
    }
  }
}
