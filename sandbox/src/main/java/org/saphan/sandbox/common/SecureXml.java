package org.saphan.sandbox.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;

/**
 * The sandbox's hardened XML parsing: DTDs are refused outright (so no external entities, no entity
 * expansion), XInclude is off, secure processing is on, and nothing external is ever fetched. The
 * JDK implementations are asked for explicitly, so a jar on the class path cannot replace them.
 */
public final class SecureXml {

  /** Why a document was refused. */
  public enum Refusal {
    /** A DOCTYPE declaration (hence any entity declaration). */
    DOCTYPE,
    /** Not well-formed, or empty. */
    MALFORMED
  }

  /** A refused document; the message never echoes document content. */
  public static final class XmlRefusedException extends RuntimeException {
    private final Refusal refusal;

    XmlRefusedException(Refusal refusal, String message) {
      super(message);
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  private static final DocumentBuilderFactory FACTORY = newDocumentBuilderFactory();

  private static final ErrorHandler STRICT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // A warning does not make a document unsafe; the default handler would print it.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };

  private SecureXml() {}

  /** A hardened, namespace-aware DocumentBuilderFactory. */
  public static DocumentBuilderFactory newDocumentBuilderFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    try {
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setValidating(false);
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
    }
    return factory;
  }

  /** A hardened builder that refuses every entity resolution and throws on every error. */
  public static DocumentBuilder newDocumentBuilder() {
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) {
        builder = FACTORY.newDocumentBuilder();
      }
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are refused");
          });
      builder.setErrorHandler(STRICT);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser cannot be hardened", e);
    }
  }

  /** An empty namespace-aware document, to copy a fragment into. */
  public static Document newDocument() {
    return newDocumentBuilder().newDocument();
  }

  /**
   * Parses with the hardened parser.
   *
   * @throws XmlRefusedException {@code DOCTYPE} when the document declares one, else {@code
   *     MALFORMED}
   */
  public static Document parse(byte[] xml) {
    if (xml == null || xml.length == 0) {
      throw new XmlRefusedException(Refusal.MALFORMED, "empty XML document");
    }
    try {
      return newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      String where = " at line " + e.getLineNumber() + ", column " + e.getColumnNumber();
      if (declaresDoctype(xml)) {
        throw new XmlRefusedException(
            Refusal.DOCTYPE, "DOCTYPE declarations are not accepted" + where);
      }
      throw new XmlRefusedException(Refusal.MALFORMED, "malformed XML" + where);
    } catch (SAXException | IOException e) {
      throw new XmlRefusedException(Refusal.MALFORMED, "malformed XML");
    }
  }

  /** A hardened W3C XML Schema factory: no external DTDs or schemas are fetched. */
  public static SchemaFactory newSchemaFactory() {
    SchemaFactory factory = SchemaFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
      throw new IllegalStateException("the JDK schema factory cannot be hardened", e);
    }
    return factory;
  }

  /** Serialises a node as UTF-8, without an XML declaration and without re-indenting. */
  public static byte[] serialize(Node node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      TransformerFactory factory = TransformerFactory.newDefaultInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      transformer.transform(new DOMSource(node), new StreamResult(out));
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("the JDK transformer is unavailable", e);
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot serialise XML", e);
    }
    return out.toByteArray();
  }

  /**
   * True when the prolog carries {@code <!DOCTYPE}; a plain text scan of the bytes before the first
   * element, never a parse (the parser already refused the document).
   */
  private static boolean declaresDoctype(byte[] xml) {
    String head =
        new String(xml, 0, Math.min(xml.length, 4096), java.nio.charset.StandardCharsets.UTF_8);
    int doctype = head.indexOf("<!DOCTYPE");
    if (doctype < 0) {
      return false;
    }
    // A DOCTYPE only counts in the prolog: before the first start tag that is not <? or <!.
    for (int i = head.indexOf('<'); i >= 0 && i < doctype; i = head.indexOf('<', i + 1)) {
      if (i + 1 < head.length() && head.charAt(i + 1) != '?' && head.charAt(i + 1) != '!') {
        return false;
      }
    }
    return true;
  }
}
