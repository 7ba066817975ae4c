package org.saphan.hub.platform.sftp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * One SFTP server the hub talks to (the bank's settlement files, the evidence archive store, batch
 * agencies): where it is, its pinned host key and how the hub logs in, by password from a named
 * variable or by a private key file. Nested in each user's settings ({@code
 * saphan.reconciliation.sftp}, {@code saphan.evidence.archive.sftp}).
 */
public class SftpSettings {

  /** Whether this server is used at all. */
  private boolean enabled;

  /** Host name of the SFTP server. */
  private String host;

  /** Its TCP port. */
  @Min(1)
  @Max(65535)
  private int port = 22;

  /** The login. */
  private String username;

  /**
   * Name of the environment variable (or property) that holds the password; never the password.
   * Used when no private key is set.
   */
  private String passwordVariable;

  /**
   * The login's private key file (OpenSSH or PEM format, unencrypted, owner-only; path, relative to
   * the working directory); never committed. When set, the hub authenticates by key only.
   */
  private String privateKey;

  /** Remote folder the hub reads from or writes to. */
  private String remoteDir = "/";

  /**
   * The server's host-key fingerprint ({@code SHA256:...}, as {@code ssh-keygen -lf} prints it) to
   * pin; any other key is refused. Unset accepts any key, with a warning (sandbox only).
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

  public String getPrivateKey() {
    return privateKey;
  }

  public void setPrivateKey(String privateKey) {
    this.privateKey = privateKey;
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
