package org.saphan.hub.platform.sftp;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.saphan.catalog.common.Digests;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One open SFTP session of an {@link SftpEndpoint}: downloads and write-once uploads. */
public final class SftpConnection implements Closeable {

  /** What an upload did. */
  public enum Upload {
    /** The file was written (under a temporary name, then renamed). */
    WRITTEN,
    /** The same bytes were already there under that name: nothing written. */
    ALREADY_THERE
  }

  /** Suffix of the temporary name an upload is written under before it is renamed. */
  public static final String PART = ".part";

  private static final Logger log = LoggerFactory.getLogger(SftpConnection.class);

  private final SshClient client;
  private final ClientSession session;
  private final SftpClient files;
  private final String address;

  SftpConnection(SshClient client, ClientSession session, SftpClient files, String address) {
    this.client = client;
    this.session = session;
    this.files = files;
    this.address = address;
  }

  /**
   * Copies a remote file to a local one (replaced).
   *
   * @return false, and no local file, when the remote file does not exist
   */
  public boolean download(String remote, Path local) throws IOException {
    try (InputStream in = files.read(remote)) {
      Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
      return true;
    } catch (SftpException e) {
      Files.deleteIfExists(local);
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return false;
      }
      throw e;
    }
  }

  /** A remote regular file: its name in the folder listed and its size in bytes. */
  public record RemoteFile(String name, long size) {}

  /**
   * The regular files of a remote folder, by name (files still being written, {@code *.part}, left
   * out).
   */
  public List<RemoteFile> list(String remoteDir) throws IOException {
    List<RemoteFile> found = new ArrayList<>();
    for (SftpClient.DirEntry entry : files.readDir(remoteDir)) {
      SftpClient.Attributes attributes = entry.getAttributes();
      if (attributes.isRegularFile() && !entry.getFilename().endsWith(PART)) {
        found.add(new RemoteFile(entry.getFilename(), attributes.getSize()));
      }
    }
    found.sort(Comparator.comparing(RemoteFile::name));
    return found;
  }

  /**
   * Copies a remote file of at most {@code maxBytes} to a local one (replaced), counting what it
   * reads rather than trusting the listed size.
   *
   * @return false, and no local file, when the remote file does not exist
   * @throws TooLarge (and no local file) when the file has more than {@code maxBytes}
   */
  public boolean download(String remote, Path local, long maxBytes) throws IOException {
    try (InputStream in = files.read(remote);
        OutputStream out = Files.newOutputStream(local)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new TooLarge(remote + " on " + address + " is larger than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      return true;
    } catch (SftpException e) {
      Files.deleteIfExists(local);
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return false;
      }
      throw e;
    } catch (TooLarge e) {
      Files.deleteIfExists(local);
      throw e;
    }
  }

  /** A remote file larger than the reader allows. */
  public static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  /**
   * Uploads a local file as {@code remoteDir/name}: written as {@code name.part}, renamed to {@code
   * name} once complete, so a reader never sees half a file. Never overwrites: when {@code name}
   * exists with the same bytes the upload is done already; with other bytes it is refused.
   *
   * @throws SaphanException {@code sftp_file_conflict} when {@code name} exists with other bytes
   */
  public Upload upload(Path local, String remoteDir, String name) throws IOException {
    String target = join(remoteDir, name);
    if (exists(target)) {
      return same(local, target);
    }
    String part = target + PART;
    try (OutputStream out =
        files.write(
            part,
            SftpClient.OpenMode.Write,
            SftpClient.OpenMode.Create,
            SftpClient.OpenMode.Truncate)) {
      Files.copy(local, out);
    }
    try {
      files.rename(part, target);
    } catch (SftpException e) {
      if (!exists(target)) {
        throw e;
      }
      // written meanwhile by someone else (another node, an earlier run that lost its answer)
      removeQuietly(part);
      return same(local, target);
    }
    return Upload.WRITTEN;
  }

  /** The remote path of {@code name} in {@code dir}. */
  public static String join(String dir, String name) {
    if (dir == null || dir.isEmpty()) {
      return name;
    }
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  private boolean exists(String remote) throws IOException {
    try {
      files.stat(remote);
      return true;
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
        return false;
      }
      throw e;
    }
  }

  private Upload same(Path local, String remote) throws IOException {
    String mine = digest(Files.newInputStream(local));
    String theirs = digest(files.read(remote));
    if (mine.equals(theirs)) {
      return Upload.ALREADY_THERE;
    }
    throw SaphanException.system(
        ErrorCode.SFTP_FILE_CONFLICT,
        remote
            + " on "
            + address
            + " exists with other bytes (SHA-256 "
            + theirs
            + ", the hub's "
            + mine
            + "); nothing overwritten",
        null);
  }

  private static String digest(InputStream stream) throws IOException {
    try (InputStream in = stream) {
      return Digests.sha256(in);
    }
  }

  private void removeQuietly(String remote) {
    try {
      files.remove(remote);
    } catch (IOException e) {
      log.debug("Could not remove {} on {}: {}", remote, address, e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    try (SshClient c = client;
        ClientSession s = session;
        SftpClient f = files) {
      // closed in reverse order: the channel, the session, the client
    }
  }
}
