package org.saphan.hub.platform.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Makes an SFTP login key the way {@code ssh-keygen -t ecdsa -b 256} does: the private key in
 * OpenSSH format (unencrypted, owner-only), the public key as an {@code authorized_keys} line for
 * the server's owner. {@code ./saphan keys} makes the sandbox's; production makes its own.
 */
public final class SftpKeys {

  private SftpKeys() {}

  /**
   * Writes a new EC P-256 key pair, unless the private file exists.
   *
   * @return false when the private file was there already (nothing written)
   */
  public static boolean generate(Path privateFile, Path publicFile, String comment)
      throws IOException {
    if (Files.exists(privateFile)) {
      return false;
    }
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is missing from this Java runtime", e);
    }
    Files.createDirectories(privateFile.getParent());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(
          privateFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (OutputStream out =
        Files.newOutputStream(
            privateFile, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, out);
      Files.createDirectories(publicFile.getParent());
      try (OutputStream pub = Files.newOutputStream(publicFile)) {
        OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), comment, pub);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write the SFTP key " + privateFile, e);
    }
    return true;
  }
}
