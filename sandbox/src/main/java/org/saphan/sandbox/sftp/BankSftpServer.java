package org.saphan.sandbox.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The biller's bank's SFTP server: one password user, a virtual file system rooted at {@code
 * sandbox.sftp.root}, files the bank publishes under {@code /outbound}. It also plays the hub's
 * evidence archive store, like a real one: user {@code saphan-archive}, public key only (the hub's
 * {@code sftp-archive} key), confined to {@code <root>/archive} (which the bank's user cannot
 * open), write-once: an existing file is never overwritten, removed or renamed over (only
 * in-progress {@code .part} files are).
 */
public class BankSftpServer implements SmartLifecycle {

  /** Where the bank puts the files it publishes, as SFTP clients see it. */
  public static final String OUTBOUND = "/outbound";

  /** Directory under the root that holds the host key; SFTP clients cannot open it. */
  static final String HOST_DIR = ".host";

  /**
   * Directory under the root the archive user sees as {@code /}; the bank's user cannot open it.
   */
  static final String ARCHIVE_DIR = "archive";

  private static final Logger log = LoggerFactory.getLogger(BankSftpServer.class);

  private final SftpProperties properties;
  private final Path archiveKey;
  private SshServer server;

  /**
   * @param archiveKey the archive user's {@code authorized_keys} file, read at each login (a key
   *     made after the start is taken); missing: that user cannot log in
   */
  public BankSftpServer(SftpProperties properties, Path archiveKey) {
    this.properties = properties;
    this.archiveKey = archiveKey;
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
      Files.createDirectories(root.resolve(ARCHIVE_DIR));
      SshServer ssh = SshServer.setUpDefaultServer();
      ssh.setHost(properties.bindAddress());
      ssh.setPort(properties.port());
      ssh.setKeyPairProvider(
          new SimpleGeneratorHostKeyProvider(root.resolve(HOST_DIR).resolve("host-key.ser")));
      ssh.setPasswordAuthenticator(
          (username, password, session) ->
              properties.username().equals(username) && matches(password));
      ssh.setPublickeyAuthenticator(
          (username, key, session) ->
              properties.archiveUsername().equals(username) && authorised(key));
      VirtualFileSystemFactory files = new VirtualFileSystemFactory(root);
      files.setUserHomeDir(properties.archiveUsername(), root.resolve(ARCHIVE_DIR));
      ssh.setFileSystemFactory(files);
      ssh.setSubsystemFactories(
          List.of(
              new SftpSubsystemFactory.Builder()
                  .withFileSystemAccessor(new Guard(properties.archiveUsername()))
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

  private boolean authorised(PublicKey key) {
    if (archiveKey == null || !Files.isRegularFile(archiveKey)) {
      log.warn("archive user refused: no authorised key at {}", archiveKey);
      return false;
    }
    try {
      for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(archiveKey)) {
        if (KeyUtils.compareKeys(key, entry.resolvePublicKey(null, null, null))) {
          return true;
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      log.warn("archive user refused: {} unreadable: {}", archiveKey, e.toString());
    }
    return false;
  }

  private boolean matches(String password) {
    return password != null
        && MessageDigest.isEqual(
            password.getBytes(StandardCharsets.UTF_8),
            properties.password().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Refuses every path inside the host key directory, the archive folder to the bank's user, and,
   * to the archive user, writing over, removing or renaming onto an existing file (but a {@code
   * .part} file, an upload in progress).
   */
  private static final class Guard implements SftpFileSystemAccessor {

    private final String archiveUser;

    Guard(String archiveUser) {
      this.archiveUser = archiveUser;
    }

    private boolean archive(SftpSubsystemProxy subsystem) {
      return archiveUser.equals(subsystem.getServerSession().getUsername());
    }

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
        throws IOException {
      Path path = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
      // the user's own file system: the archive user's root is the archive folder
      Path local = path.toAbsolutePath().normalize();
      if (local.startsWith(rootDir.resolve(HOST_DIR).toAbsolutePath().normalize())
          || (!archive(subsystem)
              && local.startsWith(rootDir.resolve(ARCHIVE_DIR).toAbsolutePath().normalize()))) {
        throw new AccessDeniedException(remotePath);
      }
      return path;
    }

    @Override
    public SeekableByteChannel openFile(
        SftpSubsystemProxy subsystem,
        FileHandle fileHandle,
        Path file,
        String handle,
        Set<? extends OpenOption> options,
        FileAttribute<?>... attrs)
        throws IOException {
      if (archive(subsystem)
          && options.contains(StandardOpenOption.WRITE)
          && writeOnce(file)
          && Files.exists(file)) {
        throw new FileAlreadyExistsException(file.getFileName().toString());
      }
      return SftpFileSystemAccessor.super.openFile(
          subsystem, fileHandle, file, handle, options, attrs);
    }

    @Override
    public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory)
        throws IOException {
      if (archive(subsystem) && writeOnce(path)) {
        throw new AccessDeniedException(path.getFileName().toString());
      }
      SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
    }

    @Override
    public void renameFile(
        SftpSubsystemProxy subsystem, Path from, Path to, Collection<CopyOption> opts)
        throws IOException {
      if (archive(subsystem) && (writeOnce(from) || Files.exists(to))) {
        throw new FileAlreadyExistsException(to.getFileName().toString());
      }
      SftpFileSystemAccessor.super.renameFile(subsystem, from, to, opts);
    }

    private static boolean writeOnce(Path file) {
      return !file.getFileName().toString().endsWith(".part");
    }
  }
}
