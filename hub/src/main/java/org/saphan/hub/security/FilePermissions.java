package org.saphan.hub.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** Restricts private-key files and folders to their owner where the file system allows it. */
public final class FilePermissions {

  private FilePermissions() {}

  /** Sets rw------- on files and rwx------ on folders (no-op off POSIX). */
  public static void ownerOnly(Path path) throws IOException {
    if (Files.getFileAttributeView(path, PosixFileAttributeView.class) == null) {
      return;
    }
    String perms = Files.isDirectory(path) ? "rwx------" : "rw-------";
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
  }
}
