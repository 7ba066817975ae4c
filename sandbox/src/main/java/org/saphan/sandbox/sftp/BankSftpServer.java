package org.saphan.sandbox.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.List;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.RejectAllPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The biller's bank's SFTP server: one password user, a virtual file system rooted at {@code
 * sandbox.sftp.root}, files the bank publishes under {@code /outbound}.
 */
public class BankSftpServer implements SmartLifecycle {

  /** Where the bank puts the files it publishes, as SFTP clients see it. */
  public static final String OUTBOUND = "/outbound";

  /** Directory under the root that holds the host key; SFTP clients cannot open it. */
  static final String HOST_DIR = ".host";

  private static final Logger log = LoggerFactory.getLogger(BankSftpServer.class);

  private final SftpProperties properties;
  private SshServer server;

  public BankSftpServer(SftpProperties properties) {
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (!properties.enabled() || server != null) {
      return;
    }
    try {
      Path root = root();
      Files.createDirectories(root.resolve(OUTBOUND.substring(1)));
      Files.createDirectories(root.resolve(HOST_DIR));
      SshServer ssh = SshServer.setUpDefaultServer();
      ssh.setHost(properties.bindAddress());
      ssh.setPort(properties.port());
      ssh.setKeyPairProvider(
          new SimpleGeneratorHostKeyProvider(root.resolve(HOST_DIR).resolve("host-key.ser")));
      ssh.setPasswordAuthenticator(
          (username, password, session) ->
              properties.username().equals(username) && matches(password));
      ssh.setPublickeyAuthenticator(RejectAllPublickeyAuthenticator.INSTANCE);
      ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
      ssh.setSubsystemFactories(
          List.of(
              new SftpSubsystemFactory.Builder()
                  .withFileSystemAccessor(new HostKeyGuard())
                  .build()));
      ssh.start();
      server = ssh;
      log.info("bank SFTP server on {}:{}, root {}", properties.bindAddress(), ssh.getPort(), root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bank SFTP server", e);
    }
  }

  @Override
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop(true);
    } catch (IOException e) {
      log.warn("bank SFTP server did not stop cleanly: {}", e.getMessage());
    } finally {
      server = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return server != null && server.isStarted();
  }

  /** The port the server listens on (the chosen one when configured with 0); -1 when stopped. */
  public synchronized int port() {
    return server == null ? -1 : server.getPort();
  }

  /** The directory SFTP users see as {@code /}. */
  public Path root() {
    return properties.rootPath().toAbsolutePath().normalize();
  }

  /**
   * Publishes a file: written next to its final name, then moved into place, so a client never
   * downloads half a file.
   *
   * @param remotePath the path SFTP clients see, e.g. {@code /outbound/BILLPAY_x.txt}
   * @return the local file
   */
  public Path publish(String remotePath, byte[] content) {
    Path target = root().resolve(remotePath.replaceFirst("^/+", "")).normalize();
    if (!target.startsWith(root()) || target.startsWith(root().resolve(HOST_DIR))) {
      throw new IllegalArgumentException("not a publishable path: " + remotePath);
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".part");
      Files.write(tmp, content);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + remotePath, e);
    }
  }

  private boolean matches(String password) {
    return password != null
        && MessageDigest.isEqual(
            password.getBytes(StandardCharsets.UTF_8),
            properties.password().getBytes(StandardCharsets.UTF_8));
  }

  /** Refuses every path inside the host key directory. */
  private static final class HostKeyGuard implements SftpFileSystemAccessor {

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
        throws IOException {
      Path path = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
      Path hostDir = rootDir.resolve(HOST_DIR).toAbsolutePath().normalize();
      if (path.toAbsolutePath().normalize().startsWith(hostDir)) {
        throw new AccessDeniedException(remotePath);
      }
      return path;
    }
  }
}
