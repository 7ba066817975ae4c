package org.saphan.catalog.settings;

import java.time.Duration;
import java.util.Optional;

/**
 * The card's {@code api.batch}: how a batch agency's applications leave the hub, as one signed file
 * per run of the export schedule.
 *
 * @param layout the file's layout, relative to the Saphan home ({@code batch/layouts/*.yaml})
 * @param schedule the job of {@code batch/schedules.yaml} that exports the files
 * @param sftp the agency's SFTP server
 * @param encryptTo the agency's certificate (PEM, relative to the Saphan home) the file is
 *     encrypted to; empty: the file is only signed
 * @param results the agency's result files; empty: the agency sends none (statuses come otherwise)
 */
public record BatchSettings(
    String layout,
    String schedule,
    Sftp sftp,
    Optional<String> encryptTo,
    Optional<Results> results) {

  /**
   * The card's {@code api.batch.results}: the agency's result files, read from the same SFTP
   * server.
   *
   * @param layout the result files' layout, relative to the Saphan home
   * @param schedule the job of {@code batch/schedules.yaml} that imports them
   * @param remoteDir the folder they appear in
   * @param expectedWithin how long after an export's upload its results are due (ISO-8601)
   */
  public record Results(String layout, String schedule, String remoteDir, String expectedWithin) {

    /** {@link #expectedWithin()} as a duration (the card's rules check it parses). */
    public Duration due() {
      return Duration.parse(expectedWithin);
    }
  }

  /**
   * The card's {@code api.batch.sftp}.
   *
   * @param host the server's host name
   * @param port its TCP port
   * @param username the hub's login
   * @param password the password reference as written ({@code ${env:NAME}}), when no key is given
   * @param privateKey the login's private key file, relative to the Saphan home
   * @param hostKeyFingerprint the pinned host key ({@code SHA256:...}); empty: the host key is
   *     accepted without pinning, with a warning at each connection (the sandbox's, whose host key
   *     is generated when it first starts)
   * @param remoteDir the folder the files are written to
   */
  public record Sftp(
      String host,
      int port,
      String username,
      Optional<String> password,
      Optional<String> privateKey,
      Optional<String> hostKeyFingerprint,
      String remoteDir) {

    /** The environment variable named by {@link #password()}, if any. */
    public Optional<String> passwordVariable() {
      return password.map(p -> p.substring("${env:".length(), p.length() - 1));
    }
  }
}
