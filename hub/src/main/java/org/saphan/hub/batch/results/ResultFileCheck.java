package org.saphan.hub.batch.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.layout.RecordRole;
import org.saphan.hub.batch.export.BatchAgency;
import org.saphan.hub.batch.layout.FixedWidthLayout;
import org.saphan.hub.batch.layout.LayoutRecords;
import org.saphan.hub.batch.layout.ParsedRecord;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.CmsVerifier;
import org.saphan.hub.security.PartyTrusts;
import org.saphan.hub.security.SigningPolicy;
import org.saphan.hub.security.Trust;
import org.saphan.hub.security.VerificationRules;
import org.saphan.hub.security.VerifiedSignature;

/**
 * Checks a downloaded result file whole, before any line is applied: the manifest names this
 * connector and agency; the data file and its signature have the manifest's SHA-256; the detached
 * CMS signature verifies over the data file and is by the certificate the card pins ({@code
 * api.trust.certificate}: another signer is another sender); the first line is a valid header and
 * the last a valid trailer of the card's result layout, with the manifest's sequence, export and
 * count; and the export it answers was uploaded. Any failure refuses the file whole ({@link
 * ResultManifest.Refusal}).
 */
public class ResultFileCheck {

  /**
   * A file that passed.
   *
   * @param kid the signer's key id
   * @param exportUploadedAt when the export the file answers was uploaded
   */
  record Checked(String kid, Instant exportUploadedAt) {}

  private final ImportStore store;
  private final PartyTrusts trusts;
  private final CmsVerifier verifier;

  public ResultFileCheck(ImportStore store, PartyTrusts trusts, CmsVerifier verifier) {
    this.store = store;
    this.trusts = trusts;
    this.verifier = verifier;
  }

  Checked check(BatchAgency agency, ResultManifest manifest, Path data, Path signature)
      throws IOException {
    ConnectorCard card = agency.card();
    if (!card.name().equals(manifest.connector())) {
      throw refused(
          "the manifest is for connector " + manifest.connector() + ", not " + card.name());
    }
    if (!card.agencyCode().equalsIgnoreCase(manifest.agency())) {
      throw refused(
          "the manifest is from agency " + manifest.agency() + ", not " + card.agencyCode());
    }
    if (!Digests.sha256(data).equals(manifest.sha256())) {
      throw refused("the SHA-256 of " + manifest.file() + " is not the manifest's");
    }
    if (!Digests.sha256(signature).equals(manifest.signatureSha256())) {
      throw refused("the SHA-256 of " + manifest.signature() + " is not the manifest's");
    }
    VerifiedSignature verified = verify(card, data, signature);
    structure(agency, manifest, Files.readAllBytes(data));
    Instant uploaded =
        store
            .uploadedAt(card.name(), manifest.forSequence())
            .orElseThrow(
                () ->
                    refused(
                        "it answers export "
                            + manifest.forSequence()
                            + ", which the hub has not uploaded to "
                            + card.agencyCode()));
    return new Checked(verified.kid(), uploaded);
  }

  private VerifiedSignature verify(ConnectorCard card, Path data, Path signature) {
    Trust trust =
        trusts
            .of(card)
            .orElseThrow(
                () ->
                    refused(
                        "the card pins no agency certificate (api.trust): the signer cannot be"
                            + " checked"));
    try {
      return verifier.verifyFile(
          data, signature, VerificationRules.of(SigningPolicy.CMS, "agency:" + card.name(), trust));
    } catch (SaphanException e) {
      throw refused(
          "its signature is not "
              + card.agencyCode()
              + "'s valid signature over the file ("
              + e.code().code()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  /** Header first, trailer last, both valid and agreeing with the manifest. */
  private static void structure(BatchAgency agency, ResultManifest manifest, byte[] bytes) {
    FixedWidthLayout layout = agency.resultLayout().orElseThrow();
    List<LayoutRecords.Line> lines = LayoutRecords.read(bytes, layout);
    if (lines.size() < 2) {
      throw refused("the file has " + lines.size() + " lines: a header and a trailer at least");
    }
    ParsedRecord header = role(lines.get(0), layout, RecordRole.HEADER, "first");
    ParsedRecord trailer = role(lines.get(lines.size() - 1), layout, RecordRole.TRAILER, "last");
    check(header, "sequence", manifest.sequence(), "sequence");
    check(header, "forSequence", manifest.forSequence(), "forSequence");
    check(trailer, "recordCount", manifest.count(), "count");
    long details = lines.size() - 2L;
    if (details != manifest.count()) {
      throw refused(
          "the file has "
              + details
              + " lines between header and trailer, the manifest says "
              + manifest.count());
    }
  }

  private static ParsedRecord role(
      LayoutRecords.Line line, FixedWidthLayout layout, RecordRole role, String where) {
    String code = layout.record(role).orElseThrow().code();
    if (!line.good() || !line.code().equals(code)) {
      throw refused(
          "line "
              + line.number()
              + " ("
              + where
              + ") is not a valid "
              + role.name().toLowerCase(java.util.Locale.ROOT)
              + " record "
              + code
              + (line.good() ? "" : ": " + line.problem()));
    }
    return line.record();
  }

  private static void check(ParsedRecord record, String field, long expected, String shown) {
    if (record.layout().indexOf(field) < 0) {
      return;
    }
    Object value = record.value(field);
    if (!(value instanceof Long number) || number != expected) {
      throw refused(
          "the "
              + record.layout().role().name().toLowerCase(java.util.Locale.ROOT)
              + "'s "
              + field
              + " is "
              + value
              + ", the manifest's "
              + shown
              + " is "
              + expected);
    }
  }

  private static ResultManifest.Refusal refused(String reason) {
    return new ResultManifest.Refusal(ErrorCode.BATCH_IMPORT_REFUSED, reason);
  }
}
