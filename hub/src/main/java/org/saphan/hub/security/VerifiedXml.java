package org.saphan.hub.security;

import java.util.Objects;
import org.w3c.dom.Document;

/**
 * A verified XML document: callers process {@link #document()} and only that, never a re-parse of
 * the bytes they received, so what is processed is exactly what was signed.
 *
 * @param document the document whose whole content (minus its signature) was verified
 * @param signature who signed it and with what
 */
public record VerifiedXml(Document document, VerifiedSignature signature) {

  public VerifiedXml {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(signature, "signature");
  }
}
