package org.saphan.sandbox.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankSftpServerTest {

  private static final String PASSWORD = "test-only-sftp-password";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path root;

  @TempDir static Path keys;

  private static BankSftpServer server;
  private static SshClient client;
  private static KeyPair archiveKey;
  private static final List<Path> MANIFESTS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    archiveKey = generator.generateKeyPair();
    Path authorised = keys.resolve("sftp-archive.pub");
    try (OutputStream out = Files.newOutputStream(authorised)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(archiveKey.getPublic(), "test", out);
    }
    server =
        new BankSftpServer(
            new SftpProperties(
                true,
                0,
                "localhost",
                root.toString(),
                "saphan",
                PASSWORD,
                "saphan-archive",
                "",
                "doae-inbox",
                ""),
            authorised,
            authorised,
            MANIFESTS::add);
    server.start();
    client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
  }

  @AfterAll
  static void stop() {
    client.stop();
    server.stop();
  }

  @Test
  void shouldListenOnAFreePortWhenPortIsZero() {
    // then
    assertThat(server.isRunning()).isTrue();
    assertThat(server.port()).isPositive();
  }

  @Test
  void shouldDownloadPublishedFileWhenUserLogsInWithPassword() throws IOException {
    // given
    byte[] content = "H000001...\r\n".getBytes(StandardCharsets.US_ASCII);
    server.publish("/outbound/BILLPAY_TEST.txt", content);

    // when
    byte[] downloaded;
    try (ClientSession session = login(PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        InputStream in = sftp.read("/outbound/BILLPAY_TEST.txt")) {
      downloaded = in.readAllBytes();
    }

    // then
    assertThat(downloaded).isEqualTo(content);
  }

  @Test
  void shouldRefuseLoginWhenPasswordIsWrong() {
    // when / then
    assertThatThrownBy(() -> login("wrong-password").close()).isInstanceOf(SshException.class);
  }

  @Test
  void shouldRefuseLoginWhenUserIsUnknown() throws IOException {
    // when / then
    try (ClientSession session =
        client.connect("root", "localhost", server.port()).verify(TIMEOUT).getSession()) {
      session.addPasswordIdentity(PASSWORD);
      assertThatThrownBy(() -> session.auth().verify(TIMEOUT)).isInstanceOf(SshException.class);
    }
  }

  @Test
  void shouldKeepHostKeyUnderRootButOutOfReachOfSftpClients() throws IOException {
    // given
    assertThat(root.resolve(BankSftpServer.HOST_DIR).resolve("host-key.ser")).isRegularFile();

    // when / then
    try (ClientSession session = login(PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      assertThatThrownBy(() -> sftp.read("/.host/host-key.ser").readAllBytes())
          .isInstanceOf(SftpException.class)
          .extracting(e -> ((SftpException) e).getStatus())
          .isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
    }
  }

  @Test
  void shouldRefusePublishingOutsideTheRootWhenPathClimbsUp() {
    // when / then
    assertThatThrownBy(() -> server.publish("/../escape.txt", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldConfineTheArchiveUserToItsFolderWhenLoggedInByKey() throws IOException {
    // when
    try (ClientSession session = archiveLogin();
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      try (OutputStream out = sftp.write("/evidence-a.zip.part")) {
        out.write(1);
      }
      sftp.rename("/evidence-a.zip.part", "/evidence-a.zip");
      // then
      assertThat(root.resolve(BankSftpServer.ARCHIVE_DIR).resolve("evidence-a.zip")).exists();
      assertThatThrownBy(() -> sftp.read("/../outbound/BILLPAY_TEST.txt").readAllBytes())
          .isInstanceOf(SftpException.class);
    }
  }

  @Test
  void shouldRefuseOverwritingRemovingOrRenamingOverWhenTheArchiveHoldsTheFile()
      throws IOException {
    // given
    Files.write(root.resolve(BankSftpServer.ARCHIVE_DIR).resolve("evidence-b.zip"), new byte[] {7});
    // when / then
    try (ClientSession session = archiveLogin();
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      assertThatThrownBy(() -> sftp.write("/evidence-b.zip").close())
          .isInstanceOf(SftpException.class);
      assertThatThrownBy(() -> sftp.remove("/evidence-b.zip")).isInstanceOf(SftpException.class);
      try (OutputStream out = sftp.write("/evidence-b.zip.part")) {
        out.write(8);
      }
      assertThatThrownBy(() -> sftp.rename("/evidence-b.zip.part", "/evidence-b.zip"))
          .isInstanceOf(SftpException.class);
      sftp.remove("/evidence-b.zip.part");
    }
    assertThat(root.resolve(BankSftpServer.ARCHIVE_DIR).resolve("evidence-b.zip"))
        .hasBinaryContent(new byte[] {7});
  }

  @Test
  void shouldRefuseTheArchiveUserWhenItTriesAPassword() throws IOException {
    // when / then
    try (ClientSession session =
        client.connect("saphan-archive", "localhost", server.port()).verify(TIMEOUT).getSession()) {
      session.addPasswordIdentity(PASSWORD);
      assertThatThrownBy(() -> session.auth().verify(TIMEOUT)).isInstanceOf(SshException.class);
    }
  }

  @Test
  void shouldKeepTheArchiveOutOfReachOfTheBanksUser() throws IOException {
    // given
    Files.write(root.resolve(BankSftpServer.ARCHIVE_DIR).resolve("evidence-c.zip"), new byte[] {1});
    // when / then
    try (ClientSession session = login(PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      assertThatThrownBy(() -> sftp.read("/archive/evidence-c.zip").readAllBytes())
          .isInstanceOf(SftpException.class)
          .extracting(e -> ((SftpException) e).getStatus())
          .isEqualTo(SftpConstants.SSH_FX_PERMISSION_DENIED);
    }
  }

  @Test
  void shouldHandTheDoaeInboxAManifestWhenItIsRenamedIntoPlace() throws IOException {
    // when: the hub's upload order, the manifest last
    try (ClientSession session = archiveLogin("doae-inbox");
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      for (String name : List.of("f.txt", "f.txt.p7s", "f.txt.manifest.json")) {
        try (OutputStream out = sftp.write(BankSftpServer.DOAE_INBOX + "/" + name + ".part")) {
          out.write(1);
        }
        sftp.rename(
            BankSftpServer.DOAE_INBOX + "/" + name + ".part",
            BankSftpServer.DOAE_INBOX + "/" + name);
      }
    }
    // then: once, with the local manifest; the bank's user cannot open the inbox
    Path inbox = root.resolve(BankSftpServer.DOAE_DIR).resolve("inbox");
    assertThat(MANIFESTS).containsExactly(inbox.resolve("f.txt.manifest.json"));
    try (ClientSession session = login(PASSWORD);
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
      assertThatThrownBy(() -> sftp.read("/doae/inbox/f.txt").readAllBytes())
          .isInstanceOf(SftpException.class);
    }
  }

  @Test
  void shouldShowTheDoaeUserTheResultFilesOfItsOutbox() throws IOException {
    // given: the folder made at start, a result file DOAE published there
    Path outbox = BankSftpServer.doaeOutbox(root);
    assertThat(outbox).isDirectory();
    Files.writeString(outbox.resolve("r.txt"), "H");

    // when / then: the hub's user reads it as /outbox
    try (ClientSession session = archiveLogin("doae-inbox");
        SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
        InputStream in = sftp.read(BankSftpServer.DOAE_OUTBOX + "/r.txt")) {
      assertThat(in.readAllBytes()).isEqualTo("H".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static ClientSession archiveLogin() throws IOException {
    return archiveLogin("saphan-archive");
  }

  private static ClientSession archiveLogin(String user) throws IOException {
    ClientSession session =
        client.connect(user, "localhost", server.port()).verify(TIMEOUT).getSession();
    try {
      session.addPublicKeyIdentity(archiveKey);
      session.auth().verify(TIMEOUT);
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static ClientSession login(String password) throws IOException {
    ClientSession session =
        client.connect("saphan", "localhost", server.port()).verify(TIMEOUT).getSession();
    try {
      session.addPasswordIdentity(password);
      session.auth().verify(TIMEOUT);
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }
}
