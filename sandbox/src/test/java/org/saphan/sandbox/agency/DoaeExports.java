package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.saphan.sandbox.common.Sha256;

/** The hub's export files as the DOAE inbox receives them, for the agency's tests. */
final class DoaeExports {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DoaeExports() {}

  /**
   * Writes the data file, its signature and its manifest ({@code saphan-batch-export/1}) into a
   * folder, as the hub uploads them; returns the manifest, the last.
   */
  static Path upload(Path folder, String name, long sequence, byte[] data, byte[] p7s, long count)
      throws IOException {
    Files.createDirectories(folder);
    Files.write(folder.resolve(name), data);
    Files.write(folder.resolve(name + ".p7s"), p7s);
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", "saphan-batch-export/1");
    manifest.put("connector", "doae-farmer-registration");
    manifest.put("sequence", sequence);
    manifest.put("file", name);
    manifest.put("sha256", Sha256.hex(data));
    manifest.put("plainFile", name);
    manifest.put("encrypted", false);
    manifest.put("signature", name + ".p7s");
    manifest.put("signatureSha256", Sha256.hex(p7s));
    manifest.put("count", count);
    Path file = folder.resolve(name + ".manifest.json");
    Files.write(file, JSON.writeValueAsBytes(manifest));
    return file;
  }
}
