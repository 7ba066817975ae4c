package org.saphan.hub.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.xml.XMLConstants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What authorised sharing a citizen's data with an agency, bound into the signed message (a JWS
 * protected-header parameter, a signed SOAP element) and linked from the message log: the lawful
 * basis, and the consent record when that basis is the citizen's consent.
 *
 * @param lawfulBasis the PDPA basis ({@code consent}, {@code public_task}, ...), never null
 * @param consentRecordId the citizen's consent grant when the basis is {@code consent}, else null
 */
public record Authorisation(String lawfulBasis, UUID consentRecordId) {

  /** The JWS protected-header parameter carrying it (docs/agency/signing.md). */
  public static final String JWS_HEADER = "saphan_authz";

  /** The namespace of the signed SOAP element {@code Authorisation}. */
  public static final String XML_NS = "urn:saphan:authorisation:1";

  /** The basis that needs a consent record. */
  public static final String CONSENT = "consent";

  public Authorisation {
    Objects.requireNonNull(lawfulBasis, "lawfulBasis");
    if (lawfulBasis.isBlank()) {
      throw new IllegalArgumentException("a lawful basis is required");
    }
    if (CONSENT.equals(lawfulBasis) != (consentRecordId != null)) {
      throw new IllegalArgumentException(
          "a consent record goes with the basis consent, and only with it");
    }
  }

  /** Sharing on a basis other than consent. */
  public static Authorisation basis(String lawfulBasis) {
    return new Authorisation(lawfulBasis, null);
  }

  /** Sharing on the citizen's consent, this grant. */
  public static Authorisation consent(UUID consentRecordId) {
    return new Authorisation(CONSENT, Objects.requireNonNull(consentRecordId, "consentRecordId"));
  }

  /** The JWS header parameter's value: {@code {"lawfulBasis":..,"consentRecordId":..}}. */
  public Map<String, Object> jwsValue() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("lawfulBasis", lawfulBasis);
    if (consentRecordId != null) {
      value.put("consentRecordId", consentRecordId.toString());
    }
    return value;
  }

  /**
   * The SOAP element, in the document given: {@code <sa:Authorisation
   * xmlns:sa="urn:saphan:authorisation:1"><sa:LawfulBasis>..</sa:LawfulBasis>
   * <sa:ConsentRecordId>..</sa:ConsentRecordId></sa:Authorisation>} (the second child only with
   * consent). The caller places it and has the signature cover it.
   */
  Element element(Document document) {
    Element element = document.createElementNS(XML_NS, "sa:Authorisation");
    element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:sa", XML_NS);
    Element basis = document.createElementNS(XML_NS, "sa:LawfulBasis");
    basis.setTextContent(lawfulBasis);
    element.appendChild(basis);
    if (consentRecordId != null) {
      Element record = document.createElementNS(XML_NS, "sa:ConsentRecordId");
      record.setTextContent(consentRecordId.toString());
      element.appendChild(record);
    }
    return element;
  }
}
