package org.saphan.hub.platform.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * An in-process Apache SSHD SFTP server for unit tests, in a temporary folder: user {@code bank} by
 * password {@code bank-password}, user {@code archive} by a key generated here (written in OpenSSH
 * format to {@link #keyFile()}); records the files opened for writing and the renames.
 */
public final class TestSftpServer implements AutoCloseable {

  /** The password of user {@code bank}. */
  public static final String BANK_PASSWORD = "bank-password";

  private final SshServer server;
  private final Path root;
  private final Path keyFile;
  private final List<String> opened = new CopyOnWriteArrayList<>();
  private final List<String> renamed = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  public TestSftpServer(Path dir) {
    try {
      root = Files.createDirectories(dir.resolve("sftp-root"));
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair clientKey = generator.generateKeyPair();
      keyFile = dir.resolve("client-key");
      try (OutputStream out = Files.newOutputStream(keyFile)) {
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "test", null, out);
      }
      server = SshServer.setUpDefaultServer();
      server.setHost("localhost");
      server.setPort(0);
      server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.ser")));
      server.setPasswordAuthenticator(
          (user, password, session) -> "bank".equals(user) && BANK_PASSWORD.equals(password));
      server.setPublickeyAuthenticator(
          (user, key, session) ->
              "archive".equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
      server.setFileSystemFactory(new VirtualFileSystemFactory(root));
      server.setSubsystemFactories(
          List.of(
              new SftpSubsystemFactory.Builder().withFileSystemAccessor(new Recording()).build()));
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The folder SFTP users see as {@code /}. */
  public Path root() {
    return root;
  }

  /** User {@code archive}'s private key file. */
  public Path keyFile() {
    return keyFile;
  }

  public int port() {
    return server.getPort();
  }

  /** The server's host key fingerprint ({@code SHA256:...}). */
  public String hostFingerprint() {
    try {
      return KeyUtils.getFingerPrint(
          server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Settings of user {@code archive}, by key, with the host key pinned. */
  public SftpSettings archiveSettings() {
    SftpSettings settings = settings("archive");
    settings.setPrivateKey(keyFile.toString());
    settings.setHostKeyFingerprint(hostFingerprint());
    return settings;
  }

  /** Settings of a user, enabled, nothing else set. */
  public SftpSettings settings(String user) {
    SftpSettings settings = new SftpSettings();
    settings.setEnabled(true);
    settings.setHost("localhost");
    settings.setPort(port());
    settings.setUsername(user);
    return settings;
  }

  /** The names of the files opened for writing, in order. */
  public List<String> opened() {
    return opened;
  }

  /** The renames asked for, {@code from>to} by file name, in order. */
  public List<String> renamed() {
    return renamed;
  }

  /** While down, every write is refused (the store failing, not the connection). */
  public void refuseWrites(boolean down) {
    this.down = down;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private final class Recording implements SftpFileSystemAccessor {

    @Override
    public SeekableByteChannel openFile(
        SftpSubsystemProxy subsystem,
        FileHandle fileHandle,
        Path file,
        String handle,
        Set<? extends OpenOption> options,
        FileAttribute<?>... attrs)
        throws IOException {
      if (options.contains(StandardOpenOption.WRITE)) {
        if (down) {
          throw new java.nio.file.AccessDeniedException(file.toString());
        }
        opened.add(file.getFileName().toString());
      }
      return SftpFileSystemAccessor.super.openFile(
          subsystem, fileHandle, file, handle, options, attrs);
    }

    @Override
    public void renameFile(
        SftpSubsystemProxy subsystem, Path from, Path to, Collection<CopyOption> opts)
        throws IOException {
      renamed.add(from.getFileName() + ">" + to.getFileName());
      SftpFileSystemAccessor.super.renameFile(subsystem, from, to, opts);
    }
  }
}
