package org.saphan.sandbox.agency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.saphan.sandbox.common.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DOAE farmer registration agency's batch inbox (card doae-farmer-registration), strict like a
 * real agency: when a file's manifest arrives (the last of its three artefacts), it checks the
 * manifest (format {@value #MANIFEST_FORMAT}, every field it needs), the SHA-256 of the data file
 * and of its {@code .p7s}, the detached CMS signature over the data file and that its signer's key
 * is one the hub publishes (its JWKS, through {@code HubTrust}), and the count of detail records
 * against the manifest's; then records the file accepted, or refused with the reason. Encrypted
 * files are refused: the card does not encrypt to the sandbox (the hub's unit tests cover
 * encryption with openssl).
 */
public class DoaeBatchInbox {

  /** The hub's manifest format (docs/agency/batch.md). */
  public static final String MANIFEST_FORMAT = "saphan-batch-export/1";

  private static final Logger log = LoggerFactory.getLogger(DoaeBatchInbox.class);

  /** The DOAE agency's JSON reader and writer (its inbox and its result files). */
  static final ObjectMapper JSON = new ObjectMapper();

  private final Predicate<PublicKey> hubKey;
  private final Clock clock;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  /** One file the inbox checked: accepted, or refused with the reason. */
  public record Received(
      String manifest, String file, long count, boolean accepted, String reason, Instant at) {}

  /**
   * @param hubKey whether a public key is one of the hub's published keys ({@code
   *     HubTrust::isHubKey})
   */
  public DoaeBatchInbox(Predicate<PublicKey> hubKey, Clock clock) {
    this.hubKey = hubKey;
    this.clock = clock;
  }

  /** The files checked, oldest first. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Checks the file a manifest (in the inbox folder) describes and records the outcome. */
  public Received check(Path manifestFile) {
    String manifestName = manifestFile.getFileName().toString();
    String file = null;
    long count = 0;
    String reason;
    try {
      JsonNode manifest = JSON.readTree(Files.readAllBytes(manifestFile));
      file = manifest.path("file").isTextual() ? manifest.path("file").asText() : null;
      count = manifest.path("count").asLong(-1);
      reason = refusal(manifestFile.getParent(), manifest);
    } catch (IOException e) {
      reason = "manifest is not readable JSON: " + e.getClass().getSimpleName();
    } catch (Refused e) {
      reason = e.getMessage();
    }
    Received outcome =
        new Received(manifestName, file, count, reason == null, reason, clock.instant());
    received.add(outcome);
    if (reason == null) {
      log.info("DOAE inbox accepted {} ({} applications)", file, count);
    } else {
      log.warn("DOAE inbox refused {}: {}", manifestName, reason);
    }
    return outcome;
  }

  private String refusal(Path folder, JsonNode manifest) throws IOException {
    if (!MANIFEST_FORMAT.equals(manifest.path("format").asText())) {
      return "manifest format is not " + MANIFEST_FORMAT;
    }
    String file = text(manifest, "file");
    String signature = text(manifest, "signature");
    if (!manifest.path("count").canConvertToLong() || manifest.path("count").asLong() < 0) {
      throw new Refused("manifest has no count");
    }
    if (manifest.path("encrypted").asBoolean(false)) {
      return "file " + file + " is encrypted; this inbox takes signed plaintext files only";
    }
    Path data = local(folder, file);
    Path p7s = local(folder, signature);
    if (!Files.isRegularFile(data) || !Files.isRegularFile(p7s)) {
      return "file " + file + " or its signature " + signature + " is missing";
    }
    byte[] bytes = Files.readAllBytes(data);
    byte[] cms = Files.readAllBytes(p7s);
    if (!Sha256.hex(bytes).equals(text(manifest, "sha256"))) {
      return "SHA-256 of " + file + " is not the manifest's";
    }
    if (!Sha256.hex(cms).equals(text(manifest, "signatureSha256"))) {
      return "SHA-256 of " + signature + " is not the manifest's";
    }
    String bad = signatureProblem(bytes, cms);
    if (bad != null) {
      return bad;
    }
    long details = details(bytes);
    if (details != manifest.path("count").asLong()) {
      return "file "
          + file
          + " has "
          + details
          + " detail records, the manifest says "
          + manifest.path("count").asLong();
    }
    return null;
  }

  /** Why the detached CMS signature over {@code data} is not the hub's; null when it is. */
  String signatureProblem(byte[] data, byte[] cms) {
    try {
      CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(data), cms);
      Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
      if (signers.isEmpty()) {
        return "signature has no signer";
      }
      for (SignerInformation signer : signers) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certificates =
            signed.getCertificates().getMatches(signer.getSID());
        if (certificates.isEmpty()) {
          return "signature carries no signer certificate";
        }
        X509Certificate certificate =
            new JcaX509CertificateConverter().getCertificate(certificates.iterator().next());
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
          return "signature does not verify over the data file";
        }
        if (!hubKey.test(certificate.getPublicKey())) {
          return "signer key is not one the hub publishes";
        }
      }
      return null;
    } catch (CMSException e) {
      return "signature does not verify over the data file: " + e.getMessage();
    } catch (OperatorCreationException | java.security.cert.CertificateException e) {
      return "signature is not readable: " + e.getClass().getSimpleName();
    }
  }

  /** Detail records: lines (CRLF) whose record type is {@code D}. */
  private static long details(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    long count = 0;
    for (String line : text.split("\r\n")) {
      if (line.startsWith("D")) {
        count++;
      }
    }
    return count;
  }

  private static Path local(Path folder, String name) {
    Path path = folder.resolve(name).normalize();
    if (!path.getParent().equals(folder.normalize()) || name.endsWith(".part")) {
      throw new Refused("manifest names " + name + ", not a file of this folder");
    }
    return path;
  }

  private static String text(JsonNode manifest, String field) {
    JsonNode value = manifest.path(field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new Refused("manifest has no " + field);
    }
    return value.asText();
  }

  /** A manifest the inbox cannot read as one. */
  private static final class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
