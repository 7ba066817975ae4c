package org.saphan.hub.platform.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;

/**
 * The hub's one SFTP client (Apache SSHD): connects to the server of a {@link SftpSettings} with
 * its host key pinned (SHA-256 fingerprint) and logs in by private key or by a password read from a
 * named variable. Each {@link #connect()} is one SSH session; close the connection when done.
 */
public final class SftpEndpoint {

  private static final Logger log = LoggerFactory.getLogger(SftpEndpoint.class);

  private final String prefix;
  private final SftpSettings settings;
  private final PropertyResolver secrets;

  /**
   * @param prefix where the settings come from (e.g. {@code saphan.reconciliation.sftp}), for
   *     messages
   * @param secrets where the password variable is read (the environment)
   */
  public SftpEndpoint(String prefix, SftpSettings settings, PropertyResolver secrets) {
    this.prefix = prefix;
    this.settings = settings;
    this.secrets = secrets;
  }

  public SftpSettings settings() {
    return settings;
  }

  /** {@code host:port}, for messages. */
  public String address() {
    return settings.getHost() + ":" + settings.getPort();
  }

  /**
   * Opens a session and an SFTP channel.
   *
   * @throws SaphanException {@code sftp_host_key_mismatch} when the server shows another host key
   *     than the pinned one; {@code upstream_unavailable} when the password variable is not set or
   *     the private key file cannot be read
   * @throws IOException when the server cannot be reached or refuses the login
   */
  public SftpConnection connect() throws IOException {
    KeyPair key = settings.getPrivateKey() == null ? null : privateKey();
    String password = key == null ? password() : null;
    long timeout = settings.getTimeout().toMillis();
    AtomicReference<String> refused = new AtomicReference<>();
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier((session, address, serverKey) -> acceptable(serverKey, refused));
    client.start();
    ClientSession session = null;
    try {
      session =
          client
              .connect(settings.getUsername(), settings.getHost(), settings.getPort())
              .verify(timeout)
              .getSession();
      if (key != null) {
        session.addPublicKeyIdentity(key);
      } else {
        session.addPasswordIdentity(password);
      }
      session.auth().verify(timeout);
      return new SftpConnection(
          client, session, SftpClientFactory.instance().createSftpClient(session), address());
    } catch (IOException | RuntimeException e) {
      closeQuietly(session, client);
      if (refused.get() != null) {
        throw SaphanException.system(
            ErrorCode.SFTP_HOST_KEY_MISMATCH,
            "the SFTP server "
                + address()
                + " shows host key "
                + refused.get()
                + ", not the pinned "
                + settings.getHostKeyFingerprint()
                + " ("
                + prefix
                + ".host-key-fingerprint); refused",
            null);
      }
      throw e;
    }
  }

  private String password() {
    String variable = settings.getPasswordVariable();
    String password = variable == null || variable.isBlank() ? null : secrets.getProperty(variable);
    if (password == null || password.isBlank()) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          "the SFTP password variable " + variable + " is not set",
          null);
    }
    return password;
  }

  private KeyPair privateKey() {
    Path file = Path.of(settings.getPrivateKey());
    try (InputStream in = Files.newInputStream(file)) {
      for (KeyPair pair :
          SecurityUtils.loadKeyPairIdentities(
              null, NamedResource.ofName(file.toString()), in, null)) {
        return pair;
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw SaphanException.system(
          ErrorCode.UPSTREAM_UNAVAILABLE,
          "the SFTP private key " + file + " (" + prefix + ".private-key) cannot be read",
          e);
    }
    throw SaphanException.system(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        "the SFTP private key " + file + " (" + prefix + ".private-key) holds no key",
        null);
  }

  private boolean acceptable(PublicKey key, AtomicReference<String> refused) {
    String fingerprint = KeyUtils.getFingerPrint(key);
    String pinned = settings.getHostKeyFingerprint();
    if (pinned == null || pinned.isBlank()) {
      log.warn(
          "SFTP host key {} of {} accepted without pinning: set {}.host-key-fingerprint outside"
              + " the sandbox",
          fingerprint,
          address(),
          prefix);
      return true;
    }
    if (pinned.trim().equals(fingerprint)) {
      return true;
    }
    refused.set(fingerprint);
    return false;
  }

  private static void closeQuietly(ClientSession session, SshClient client) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (IOException e) {
      log.debug("SFTP session did not close cleanly: {}", e.toString());
    }
    client.stop();
  }
}
