package org.saphan.catalog.common;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The one hardened XML toolbox of the catalog and the hub: every XML path (mappings, golden
 * examples, SOAP, XML-DSig, receipts, WSDLs) parses, transforms and streams through these
 * factories. The sandbox keeps its own on purpose: it is the other party.
 *
 * <p>DTDs are refused outright (so no external entities, no entity expansion, no billion laughs),
 * XInclude is off, secure processing is on, and no external DTD, schema or stylesheet may be
 * fetched. The JDK's built-in implementations are requested explicitly ({@code newDefault*}), so a
 * Saxon or Woodstox jar on the class path cannot silently replace the hardened one.
 */
public final class SecureXml {

  /** Why a document with a DOCTYPE is refused, in the words of offline findings. */
  public static final String DOCTYPE_REASON =
      "XML must not contain a DOCTYPE declaration (DTDs and external entities are refused)";

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";
  private static final String EXTERNAL_GENERAL_ENTITIES =
      "http://xml.org/sax/features/external-general-entities";
  private static final String EXTERNAL_PARAMETER_ENTITIES =
      "http://xml.org/sax/features/external-parameter-entities";
  private static final String LOAD_EXTERNAL_DTD =
      "http://apache.org/xml/features/nonvalidating/load-external-dtd";

  private static final DocumentBuilderFactory DOCUMENT_BUILDERS = newDocumentBuilderFactory();
  private static final XMLInputFactory PROLOG_SCANNER = newXmlInputFactory();

  /** Turns parse errors into exceptions instead of printing them. */
  private static final ErrorHandler STRICT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // Warnings do not make a document unsafe or malformed; the default handler would print.
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

  /** Sets one parser feature; the factories' setters throw different checked exceptions. */
  @FunctionalInterface
  private interface FeatureSetter<E extends Exception> {
    void set(String feature, boolean value) throws E;
  }

  /** Secure processing on; DOCTYPEs, external entities and external DTDs off. */
  private static <E extends Exception> void refuseDtds(FeatureSetter<E> features) throws E {
    features.set(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    features.set(DISALLOW_DOCTYPE, true);
    features.set(EXTERNAL_GENERAL_ENTITIES, false);
    features.set(EXTERNAL_PARAMETER_ENTITIES, false);
    features.set(LOAD_EXTERNAL_DTD, false);
  }

  /** A new hardened, namespace-aware DocumentBuilderFactory. */
  public static DocumentBuilderFactory newDocumentBuilderFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
    try {
      factory.setNamespaceAware(true);
      refuseDtds(factory::setFeature);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setValidating(false);
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("JDK XML parser cannot be hardened", e);
    }
    return factory;
  }

  /** A hardened DocumentBuilder that refuses any entity resolution and throws on every error. */
  public static DocumentBuilder newDocumentBuilder() {
    try {
      DocumentBuilder builder;
      synchronized (DOCUMENT_BUILDERS) {
        builder = DOCUMENT_BUILDERS.newDocumentBuilder();
      }
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity refused");
          });
      builder.setErrorHandler(STRICT);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("JDK XML parser cannot be hardened", e);
    }
  }

  /** A new hardened SAXParserFactory (namespace aware, no DTDs). */
  public static SAXParserFactory newSaxParserFactory() {
    SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
    try {
      factory.setNamespaceAware(true);
      refuseDtds(factory::setFeature);
      factory.setXIncludeAware(false);
    } catch (Exception e) {
      throw new IllegalStateException("JDK SAX parser cannot be hardened", e);
    }
    return factory;
  }

  /** A hardened SAX reader that refuses any entity resolution and throws on every error. */
  public static XMLReader newXmlReader() {
    try {
      XMLReader reader = newSaxParserFactory().newSAXParser().getXMLReader();
      reader.setErrorHandler(STRICT);
      reader.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException(DOCTYPE_REASON);
          });
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("JDK SAX parser cannot be hardened", e);
    }
  }

  /** A source (for Saxon) that parses {@code xml} with a {@link #newXmlReader()}. */
  public static SAXSource source(String xml, String systemId) {
    InputSource input = new InputSource(new StringReader(xml));
    input.setSystemId(systemId);
    return new SAXSource(newXmlReader(), input);
  }

  /** A new hardened StAX XMLInputFactory (no DTD support, no external entities). */
  public static XMLInputFactory newXmlInputFactory() {
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    factory.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external entity refused");
        });
    return factory;
  }

  /** A new hardened TransformerFactory: secure processing, no external DTDs or stylesheets. */
  public static TransformerFactory newTransformerFactory() {
    TransformerFactory factory = TransformerFactory.newDefaultInstance();
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
    } catch (TransformerConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("JDK transformer cannot be hardened", e);
    }
    return factory;
  }

  /** An identity transformer from the hardened factory (UTF-8, no indentation). */
  public static Transformer newIdentityTransformer() {
    try {
      Transformer transformer = newTransformerFactory().newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "no");
      return transformer;
    } catch (TransformerConfigurationException e) {
      throw new IllegalStateException("JDK transformer unavailable", e);
    }
  }

  /**
   * Parses XML bytes with the hardened parser.
   *
   * @throws XmlRefusedException for a DOCTYPE (a forbidden construct) or XML that is not
   *     well-formed (also for no bytes at all)
   */
  public static Document parse(byte[] xml) {
    if (xml == null || xml.length == 0) {
      throw new XmlRefusedException(false, "empty XML document", null);
    }
    return parse(new InputSource(new ByteArrayInputStream(xml)), xml);
  }

  /** Parses an XML string as {@link #parse(byte[])} does. */
  public static Document parse(String xml) {
    return parse(new InputSource(new StringReader(xml)), xml.getBytes(StandardCharsets.UTF_8));
  }

  private static Document parse(InputSource input, byte[] prolog) {
    try {
      return newDocumentBuilder().parse(input);
    } catch (SAXParseException e) {
      throw refusal(prolog, e.getLineNumber(), e.getColumnNumber(), e);
    } catch (SAXException e) {
      throw refusal(prolog, -1, -1, e);
    } catch (IOException e) {
      throw new XmlRefusedException(false, "unreadable XML", e);
    }
  }

  /** Serialises a node (usually a whole document) as UTF-8 bytes, unchanged. */
  public static byte[] serialize(Node node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      newIdentityTransformer().transform(new DOMSource(node), new StreamResult(out));
    } catch (TransformerException e) {
      throw new XmlRefusedException(false, "cannot serialise XML", e);
    }
    return out.toByteArray();
  }

  /**
   * Classifies a parser refusal without reading its (localised) message: a DOCTYPE in the prolog
   * means a forbidden construct, anything else is malformed. Never echoes document content.
   */
  private static XmlRefusedException refusal(byte[] xml, int line, int column, Exception cause) {
    String where = line > 0 ? " at line " + line + ", column " + column : "";
    if (prolog(xml).doctype()) {
      return new XmlRefusedException(true, "DOCTYPE declarations are not accepted" + where, cause);
    }
    return new XmlRefusedException(false, "malformed XML" + where, cause);
  }

  /**
   * A W3C XML Schema factory that reads no external DTD or schema (imports and includes must be
   * inline) and throws on the first error instead of printing it.
   */
  public static SchemaFactory schemaFactory() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setErrorHandler(STRICT);
      return factory;
    } catch (SAXException e) {
      throw new IllegalStateException("The XML schema factory cannot be secured", e);
    }
  }

  /** A validator of {@code schema} with the same protections. */
  public static Validator validator(Schema schema) {
    try {
      Validator validator = schema.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(STRICT);
      return validator;
    } catch (SAXException e) {
      throw new IllegalStateException("The XML validator cannot be secured", e);
    }
  }

  /** An empty namespace-aware DOM document, to build XML in (nothing is parsed). */
  public static Document newDocument() {
    return newDocumentBuilder().newDocument();
  }

  /**
   * A short reason for a failure of a {@link #source} parse (read by Saxon), naming the DOCTYPE
   * rule when that is the cause.
   */
  public static String reason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("DOCTYPE") || message.contains(DOCTYPE_REASON)) {
        return DOCTYPE_REASON;
      }
    }
    return "XML is not well-formed: " + (failure == null ? "" : failure.getMessage());
  }

  /**
   * The name of the document element, read with the hardened StAX reader up to that element only
   * (no DOM is built).
   *
   * @return the element's name, or {@code null} when a DOCTYPE precedes it or the XML cannot be
   *     read that far
   */
  public static QName documentElement(byte[] xml) {
    Prolog prolog = prolog(xml);
    return prolog.doctype() ? null : prolog.root();
  }

  /** What the prolog holds: a DOCTYPE, and the document element's name when reached. */
  private record Prolog(boolean doctype, QName root) {}

  private static Prolog prolog(byte[] xml) {
    XMLStreamReader reader = null;
    try {
      synchronized (PROLOG_SCANNER) {
        reader = PROLOG_SCANNER.createXMLStreamReader(new ByteArrayInputStream(xml));
      }
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.DTD) {
          return new Prolog(true, null);
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          String namespace = reader.getNamespaceURI();
          return new Prolog(
              false, new QName(namespace == null ? "" : namespace, reader.getLocalName()));
        }
      }
      return new Prolog(false, null);
    } catch (XMLStreamException | RuntimeException e) {
      return new Prolog(false, null);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing left to release
        }
      }
    }
  }
}
