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
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 * in-progress {@code .part} files are). The DOAE batch agency's inbox is a second such user, {@code
 * doae-inbox} (the hub's {@code sftp-doae} key), confined to {@code <root>/doae}; a manifest
 * renamed into place there (the last of a file's three artefacts) is handed to the inbox's
 * listener; DOAE publishes its result files in that user's {@code /outbox}.
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

  /** Directory under the root the DOAE inbox user sees as {@code /}. */
  static final String DOAE_DIR = "doae";

  /** The folder the DOAE inbox takes files in, as its user sees it (the card's remoteDir). */
  public static final String DOAE_INBOX = "/inbox";

  /** The folder DOAE publishes its result files in, as its user sees it (the hub only reads). */
  public static final String DOAE_OUTBOX = "/outbox";

  /** The suffix of a batch file's manifest, the last artefact uploaded (docs/agency/batch.md). */
  public static final String MANIFEST_SUFFIX = ".manifest.json";

  private static final Logger log = LoggerFactory.getLogger(BankSftpServer.class);

  private final SftpProperties properties;
  private final Map<String, KeyUser> keyUsers;
  private SshServer server;

  /**
   * A user that logs in by public key only, confined to its own folder, write-once.
   *
   * @param folder its folder under the root, which it sees as {@code /}
   * @param key its {@code authorized_keys} file, read at each login (a key made after the start is
   *     taken); missing: that user cannot log in
   * @param onManifest called with the local file when a manifest is renamed into place
   */
  public record KeyUser(String folder, Path key, Consumer<Path> onManifest) {}

  /**
   * @param archiveKey the archive user's {@code authorized_keys} file, read at each login (a key
   *     made after the start is taken); missing: that user cannot log in
   * @param doaeKey the DOAE inbox user's, likewise
   * @param onDoaeManifest the DOAE agency's check of a complete file
   */
  public BankSftpServer(
      SftpProperties properties, Path archiveKey, Path doaeKey, Consumer<Path> onDoaeManifest) {
    this.properties = properties;
    this.keyUsers =
        Map.of(
            properties.archiveUsername(),
            new KeyUser(ARCHIVE_DIR, archiveKey, file -> {}),
            properties.doaeUsername(),
            new KeyUser(DOAE_DIR, doaeKey, onDoaeManifest));
  }

  /** The server with the archive store only (the DOAE inbox refuses every login). */
  public BankSftpServer(SftpProperties properties, Path archiveKey) {
    this(properties, archiveKey, null, file -> {});
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
      for (KeyUser user : keyUsers.values()) {
        Files.createDirectories(root.resolve(user.folder()));
      }
      Files.createDirectories(root.resolve(DOAE_DIR).resolve(DOAE_INBOX.substring(1)));
      Files.createDirectories(doaeOutbox(root));
      SshServer ssh = SshServer.setUpDefaultServer();
      ssh.setHost(properties.bindAddress());
      ssh.setPort(properties.port());
      ssh.setKeyPairProvider(
          new SimpleGeneratorHostKeyProvider(root.resolve(HOST_DIR).resolve("host-key.ser")));
      ssh.setPasswordAuthenticator(
          (username, password, session) ->
              properties.username().equals(username) && matches(password));
      ssh.setPublickeyAuthenticator(
          (username, key, session) -> keyUsers.containsKey(username) && authorised(username, key));
      VirtualFileSystemFactory files = new VirtualFileSystemFactory(root);
      keyUsers.forEach((name, user) -> files.setUserHomeDir(name, root.resolve(user.folder())));
      ssh.setFileSystemFactory(files);
      ssh.setSubsystemFactories(
          List.of(
              new SftpSubsystemFactory.Builder()
                  .withFileSystemAccessor(new Guard(keyUsers))
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

  /** The local folder of the DOAE user's {@value #DOAE_OUTBOX} under a root. */
  public static Path doaeOutbox(Path root) {
    return root.resolve(DOAE_DIR).resolve(DOAE_OUTBOX.substring(1));
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

  private boolean authorised(String username, PublicKey key) {
    Path archiveKey = keyUsers.get(username).key();
    if (archiveKey == null || !Files.isRegularFile(archiveKey)) {
      log.warn("{} refused: no authorised key at {}", username, archiveKey);
      return false;
    }
    try {
      for (AuthorizedKeyEntry entry : AuthorizedKeyEntry.readAuthorizedKeys(archiveKey)) {
        if (KeyUtils.compareKeys(key, entry.resolvePublicKey(null, null, null))) {
          return true;
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      log.warn("{} refused: {} unreadable: {}", username, archiveKey, e.toString());
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
   * Refuses every path inside the host key directory, the key users' folders to the bank's user,
   * and, to a key user, writing over, removing or renaming onto an existing file (but a {@code
   * .part} file, an upload in progress).
   */
  private static final class Guard implements SftpFileSystemAccessor {

    private final Map<String, KeyUser> keyUsers;

    Guard(Map<String, KeyUser> keyUsers) {
      this.keyUsers = keyUsers;
    }

    private boolean archive(SftpSubsystemProxy subsystem) {
      return keyUsers.containsKey(subsystem.getServerSession().getUsername());
    }

    private boolean keyFolder(Path rootDir, Path local) {
      return keyUsers.values().stream()
          .anyMatch(
              user ->
                  local.startsWith(rootDir.resolve(user.folder()).toAbsolutePath().normalize()));
    }

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
        throws IOException {
      Path path = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
      // the user's own file system: the archive user's root is the archive folder
      Path local = path.toAbsolutePath().normalize();
      if (local.startsWith(rootDir.resolve(HOST_DIR).toAbsolutePath().normalize())
          || (!archive(subsystem) && keyFolder(rootDir, local))) {
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
      KeyUser user = keyUsers.get(subsystem.getServerSession().getUsername());
      if (user != null && to.getFileName().toString().endsWith(MANIFEST_SUFFIX)) {
        try {
          // the user's rooted view of the file, as a plain path of the default file system
          user.onManifest().accept(to.toFile().toPath());
        } catch (RuntimeException e) {
          log.warn("check of {} failed: {}", to.getFileName(), e.toString());
        }
      }
    }

    private static boolean writeOnce(Path file) {
      return !file.getFileName().toString().endsWith(".part");
    }
  }
}
