package org.saphan.sandbox.sftp;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the bank's SFTP server (Apache SSHD). The password default is the sandbox value of
 * {@code CONTRACTS.md}; it is obviously fake and must stay so.
 *
 * @param enabled false keeps the server from starting
 * @param port TCP port; 0 picks a free one (read it from {@link BankSftpServer#port()})
 * @param bindAddress address the server listens on; {@code localhost} keeps it on loopback
 * @param root directory the SFTP users see as {@code /}; empty means {@code
 *     <java.io.tmpdir>/saphan-sftp}. The generated host key is kept under it, in {@code .host/},
 *     which SFTP clients cannot read
 * @param username the bank's user
 * @param password that user's password
 * @param archiveUsername the evidence archive store's user: public key only, confined to {@code
 *     <root>/archive}, write-once (docs/evidence.md)
 * @param archiveKey the {@code authorized_keys} line (file) of that user; empty means {@code
 *     <sandbox.keys.dir>/public/sftp-archive.pub}, made by {@code ./saphan keys init}
 * @param doaeUsername the DOAE batch agency's inbox user: public key only, confined to {@code
 *     <root>/doae}, write-once (docs/agency/batch.md)
 * @param doaeKey its {@code authorized_keys} file; empty means {@code
 *     <sandbox.keys.dir>/public/sftp-doae.pub}, made by {@code ./saphan keys init}
 */
@Validated
@ConfigurationProperties(prefix = "sandbox.sftp")
public record SftpProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("8092") @Min(0) @Max(65535) int port,
    @DefaultValue("localhost") @NotBlank String bindAddress,
    @DefaultValue("") String root,
    @DefaultValue("saphan") @NotBlank String username,
    @DefaultValue("sandbox-sftp-password") @NotBlank String password,
    @DefaultValue("saphan-archive") @NotBlank String archiveUsername,
    @DefaultValue("") String archiveKey,
    @DefaultValue("doae-inbox") @NotBlank String doaeUsername,
    @DefaultValue("") String doaeKey) {

  /**
   * The root as a plain file system path (relative to the working directory). Kept a string in the
   * settings: Spring's {@code Path} conversion would read {@code ../x} as a class path resource.
   */
  public Path rootPath() {
    return root == null || root.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "saphan-sftp")
        : Path.of(root);
  }

  /** The archive user's public key file: {@code archiveKey}, else the one in the keys folder. */
  public Path archiveKeyPath(Path keysDir) {
    return archiveKey == null || archiveKey.isBlank()
        ? keysDir.resolve("public").resolve("sftp-archive.pub")
        : Path.of(archiveKey);
  }

  /** The DOAE inbox user's public key file: {@code doaeKey}, else the one in the keys folder. */
  public Path doaeKeyPath(Path keysDir) {
    return doaeKey == null || doaeKey.isBlank()
        ? keysDir.resolve("public").resolve("sftp-doae.pub")
        : Path.of(doaeKey);
  }

  /** Keeps the password out of logs and failure messages. */
  @Override
  public String toString() {
    return "SftpProperties[enabled="
        + enabled
        + ", port="
        + port
        + ", bindAddress="
        + bindAddress
        + ", root="
        + root
        + ", username="
        + username
        + ", password=****, archiveUsername="
        + archiveUsername
        + ", archiveKey="
        + archiveKey
        + ", doaeUsername="
        + doaeUsername
        + ", doaeKey="
        + doaeKey
        + "]";
  }
}
