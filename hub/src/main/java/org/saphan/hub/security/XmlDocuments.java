package org.saphan.hub.security;

import java.io.IOException;
import java.io.InputStream;
import org.saphan.catalog.common.SecureXml;
import org.saphan.catalog.common.XmlRefusedException;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The hub's boundary to the shared {@link SecureXml}: parses and serialises with its hardened
 * factories and turns its refusals into the hub's error codes, once.
 */
public final class XmlDocuments {

  private XmlDocuments() {}

  /**
   * Parses XML with the hardened parser.
   *
   * @throws SaphanException {@code XML_FORBIDDEN_CONSTRUCT} for a DOCTYPE (hence any entity
   *     declaration), {@code XML_MALFORMED} for anything else that is not well-formed XML
   */
  public static Document parse(byte[] xml) {
    try {
      return SecureXml.parse(xml);
    } catch (XmlRefusedException e) {
      throw refused(e);
    }
  }

  /** Reads the stream fully and parses it as {@link #parse(byte[])} does. */
  public static Document parse(InputStream in) {
    try {
      return parse(in.readAllBytes());
    } catch (IOException e) {
      throw SaphanException.wrap(ErrorCode.XML_MALFORMED, "unreadable XML", e);
    }
  }

  /** Parses an XML string (for tests and small configuration documents). */
  public static Document parse(String xml) {
    try {
      return SecureXml.parse(xml);
    } catch (XmlRefusedException e) {
      throw refused(e);
    }
  }

  /** Serialises a node (usually a whole document) as UTF-8 bytes, unchanged. */
  public static byte[] serialize(Node node) {
    try {
      return SecureXml.serialize(node);
    } catch (XmlRefusedException e) {
      throw refused(e);
    }
  }

  /** A refusal of the document itself carries no cause (the parser's words may quote it). */
  private static SaphanException refused(XmlRefusedException e) {
    ErrorCode code =
        e.forbiddenConstruct() ? ErrorCode.XML_FORBIDDEN_CONSTRUCT : ErrorCode.XML_MALFORMED;
    return e.getCause() == null || e.getCause() instanceof SAXException
        ? SaphanException.validation(code, e.getMessage())
        : SaphanException.wrap(code, e.getMessage(), e);
  }
}
