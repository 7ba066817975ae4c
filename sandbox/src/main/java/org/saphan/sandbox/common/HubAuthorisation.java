package org.saphan.sandbox.common;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saphan.sandbox.common.SignatureRejectedException.Reason;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What authorised the hub to share a citizen's data, as its signed delivery carries it (the wire
 * contract, docs/agency/signing.md): the JWS protected-header parameter {@value #JWS_HEADER}, or
 * the signed SOAP element {@code sa:Authorisation} ({@value #XML_NS}). An agency keeps it with the
 * application: the consent record is what it shows a citizen who asks why it has their data.
 *
 * @param lawfulBasis the PDPA basis ({@code consent}, {@code public_task}, ...)
 * @param consentRecordId the consent record, present exactly when the basis is {@code consent}
 */
public record HubAuthorisation(String lawfulBasis, UUID consentRecordId) {

  /** The JWS protected-header parameter. */
  public static final String JWS_HEADER = "saphan_authz";

  /** The namespace of the SOAP element. */
  public static final String XML_NS = "urn:saphan:authorisation:1";

  /** The bases an agency of the sandbox accepts (PDPA s.24 and s.19). */
  static final Set<String> BASES =
      Set.of(
          "consent",
          "contract",
          "legal_obligation",
          "legitimate_interest",
          "public_task",
          "archives_research",
          "vital_interest");

  /**
   * Reads the JWS header parameter's value.
   *
   * @throws SignatureRejectedException {@code AUTHORISATION_MISSING} when it is absent or not as
   *     the contract says
   */
  public static HubAuthorisation ofJws(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw missing("the JWS protected header has no " + JWS_HEADER + " object");
    }
    Object basis = map.get("lawfulBasis");
    Object record = map.get("consentRecordId");
    return of(
        basis instanceof String s ? s : null,
        record == null ? null : record instanceof String s ? s : "");
  }

  /**
   * Reads the signed {@code sa:Authorisation} element (the caller has checked the signature covers
   * it), or refuses its absence when {@code element} is null.
   *
   * @throws SignatureRejectedException {@code AUTHORISATION_MISSING}
   */
  public static HubAuthorisation ofXml(Element element) {
    if (element == null
        || !XML_NS.equals(element.getNamespaceURI())
        || !"Authorisation".equals(element.getLocalName())) {
      throw missing("the request carries no signed sa:Authorisation");
    }
    String basis = null;
    String record = null;
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child && XML_NS.equals(child.getNamespaceURI())) {
        switch (child.getLocalName()) {
          case "LawfulBasis" -> basis = basis == null ? child.getTextContent().strip() : "";
          case "ConsentRecordId" -> record = record == null ? child.getTextContent().strip() : "";
          default -> throw missing("sa:Authorisation holds an unknown " + child.getLocalName());
        }
      }
    }
    return of(basis, record);
  }

  private static HubAuthorisation of(String basis, String record) {
    if (basis == null || !BASES.contains(basis)) {
      throw missing("no known lawful basis");
    }
    if ("consent".equals(basis) != (record != null)) {
      throw missing("a consent record goes with the basis consent, and only with it");
    }
    try {
      return new HubAuthorisation(basis, record == null ? null : UUID.fromString(record));
    } catch (IllegalArgumentException e) {
      throw missing("the consent record id is not a UUID");
    }
  }

  private static SignatureRejectedException missing(String message) {
    return new SignatureRejectedException(Reason.AUTHORISATION_MISSING, message);
  }
}
