package org.saphan.evidence.verifier;

/**
 * One thing that does not verify: a stable code (docs/evidence.md lists them), where it is (the
 * archive and file, or the database table) and what is wrong, naming the record or manifest.
 */
public record Finding(String code, String where, String message) {

  /** A record's text no longer has the SHA-256 its manifest lists (or a column differs from it). */
  public static final String RECORD_EDITED = "record_edited";

  /** A record its manifest lists is missing. */
  public static final String RECORD_DELETED = "record_deleted";

  /**
   * A record no manifest lists where it claims to be, or one the timestamper should have sealed.
   */
  public static final String RECORD_INSERTED = "record_inserted";

  /** A record sits at another position (or in another manifest) than the one that lists it. */
  public static final String RECORD_REORDERED = "record_reordered";

  /** A record or a line of records.jsonl that is not the JSON docs/evidence.md describes. */
  public static final String RECORD_MALFORMED = "record_malformed";

  /** A manifest is not what was stamped: bytes, format or the columns stored beside it. */
  public static final String MANIFEST_INVALID = "manifest_invalid";

  /** A manifest's {@code previous} is not the SHA-256 of the manifest before it. */
  public static final String CHAIN_BROKEN = "chain_broken";

  /** An archive's {@code previousArchive} is not the digest of the archive before it. */
  public static final String ARCHIVE_CHAIN_BROKEN = "archive_chain_broken";

  /** A TSA answer that does not verify: status, imprint, signature, certificate. */
  public static final String TOKEN_INVALID = "token_invalid";

  /** A manifest without a TSA token where one is required (an archive holds stamped ones only). */
  public static final String TOKEN_MISSING = "token_missing";

  /** The archive's detached CMS signature does not verify against the published certificates. */
  public static final String SIGNATURE_INVALID = "signature_invalid";

  /** A file the archive must hold (or an archive named on the command line) is not there. */
  public static final String FILE_MISSING = "file_missing";

  /** A file whose digest differs from the one archive-manifest.json gives for it. */
  public static final String FILE_ALTERED = "file_altered";

  /** A file the archive manifest does not name, or a name that occurs twice. */
  public static final String FILE_UNEXPECTED = "file_unexpected";

  @Override
  public String toString() {
    return "FAIL " + code + " " + where + ": " + message;
  }
}
