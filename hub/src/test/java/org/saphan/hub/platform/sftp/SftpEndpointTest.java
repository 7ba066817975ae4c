package org.saphan.hub.platform.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.mock.env.MockEnvironment;

/** The hub's SFTP client against an in-process Apache SSHD server. */
class SftpEndpointTest {

  @TempDir Path dir;

  private TestSftpServer server;
  private Path root;

  @BeforeEach
  void startServer() throws IOException {
    server = new TestSftpServer(dir);
    root = server.root();
    Files.createDirectories(root.resolve("archive"));
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  private String hostFingerprint() {
    return server.hostFingerprint();
  }

  private SftpEndpoint keyEndpoint(String fingerprint) {
    SftpSettings settings = server.archiveSettings();
    settings.setHostKeyFingerprint(fingerprint);
    return new SftpEndpoint("test.sftp", settings, new MockEnvironment());
  }

  private SftpSettings settings(String user) {
    return server.settings(user);
  }

  private Path local(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void shouldUploadUnderATemporaryNameThenRenameWhenLoggedInByKey() throws Exception {
    // given
    SftpEndpoint endpoint = keyEndpoint(hostFingerprint());
    Path file = local("evidence-2026-12-07.zip", "the archive");
    // when
    SftpConnection.Upload upload;
    try (SftpConnection sftp = endpoint.connect()) {
      upload = sftp.upload(file, "/archive", "evidence-2026-12-07.zip");
    }
    // then
    assertThat(upload).isEqualTo(SftpConnection.Upload.WRITTEN);
    assertThat(root.resolve("archive/evidence-2026-12-07.zip")).hasContent("the archive");
    assertThat(root.resolve("archive/evidence-2026-12-07.zip.part")).doesNotExist();
    assertThat(server.opened()).containsExactly("evidence-2026-12-07.zip.part");
    assertThat(server.renamed())
        .containsExactly("evidence-2026-12-07.zip.part>evidence-2026-12-07.zip");
  }

  @Test
  void shouldSucceedWithoutWritingWhenTheSameBytesAreAlreadyThere() throws Exception {
    // given
    SftpEndpoint endpoint = keyEndpoint(hostFingerprint());
    Path file = local("a.zip", "the archive");
    Files.writeString(root.resolve("archive/a.zip"), "the archive");
    // when
    SftpConnection.Upload upload;
    try (SftpConnection sftp = endpoint.connect()) {
      upload = sftp.upload(file, "/archive/", "a.zip");
    }
    // then
    assertThat(upload).isEqualTo(SftpConnection.Upload.ALREADY_THERE);
    assertThat(server.renamed()).isEmpty();
  }

  @Test
  void shouldRefuseToOverwriteWhenOtherBytesAreThere() throws Exception {
    // given
    SftpEndpoint endpoint = keyEndpoint(hostFingerprint());
    Path file = local("a.zip", "the archive");
    Files.writeString(root.resolve("archive/a.zip"), "something else");
    // when / then
    try (SftpConnection sftp = endpoint.connect()) {
      assertThatThrownBy(() -> sftp.upload(file, "/archive", "a.zip"))
          .isInstanceOfSatisfying(
              SaphanException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SFTP_FILE_CONFLICT))
          .hasMessageContaining("/archive/a.zip on localhost:" + server.port())
          .hasMessageContaining("nothing overwritten");
    }
    assertThat(root.resolve("archive/a.zip")).hasContent("something else");
  }

  @Test
  void shouldRefuseTheServerWhenItsHostKeyIsNotThePinnedOne() throws Exception {
    // given
    String pinned = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    SftpEndpoint endpoint = keyEndpoint(pinned);
    // when / then
    assertThatThrownBy(endpoint::connect)
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SFTP_HOST_KEY_MISMATCH))
        .hasMessage(
            "the SFTP server localhost:"
                + server.port()
                + " shows host key "
                + hostFingerprint()
                + ", not the pinned "
                + pinned
                + " (test.sftp.host-key-fingerprint); refused");
  }

  @Test
  void shouldDownloadWhenLoggedInByPasswordFromItsVariable() throws Exception {
    // given
    SftpSettings settings = settings("bank");
    settings.setPasswordVariable("BANK_PASSWORD");
    SftpEndpoint endpoint =
        new SftpEndpoint(
            "test.sftp",
            settings,
            new MockEnvironment().withProperty("BANK_PASSWORD", TestSftpServer.BANK_PASSWORD));
    Files.writeString(root.resolve("archive/BILLPAY.txt"), "H|1", StandardCharsets.UTF_8);
    Path local = dir.resolve("downloaded");
    // when
    boolean found;
    boolean missing;
    try (SftpConnection sftp = endpoint.connect()) {
      found = sftp.download("/archive/BILLPAY.txt", local);
      missing = sftp.download("/archive/none.txt", dir.resolve("none"));
    }
    // then
    assertThat(found).isTrue();
    assertThat(local).hasContent("H|1");
    assertThat(missing).isFalse();
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void shouldNameTheVariableWhenThePasswordIsNotSet() {
    // given
    SftpSettings settings = settings("bank");
    settings.setPasswordVariable("BANK_PASSWORD");
    SftpEndpoint endpoint = new SftpEndpoint("test.sftp", settings, new MockEnvironment());
    // when / then
    assertThatThrownBy(endpoint::connect)
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE))
        .hasMessage("the SFTP password variable BANK_PASSWORD is not set");
  }

  @Test
  void shouldNameTheFileWhenThePrivateKeyCannotBeRead() {
    // given
    SftpSettings settings = settings("archive");
    settings.setPrivateKey(dir.resolve("missing-key").toString());
    SftpEndpoint endpoint = new SftpEndpoint("test.sftp", settings, new MockEnvironment());
    // when / then
    assertThatThrownBy(endpoint::connect)
        .isInstanceOfSatisfying(
            SaphanException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE))
        .hasMessageContaining("missing-key (test.sftp.private-key) cannot be read");
  }
}
