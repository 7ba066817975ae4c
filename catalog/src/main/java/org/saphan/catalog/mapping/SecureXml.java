package org.saphan.catalog.mapping;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * XML parsers (and schema factories) that refuse DOCTYPE declarations and external resources, so no
 * DTD, entity expansion or XXE is possible.
 */
final class SecureXml {

  static final String DOCTYPE_REASON =
      "XML must not contain a DOCTYPE declaration (DTDs and external entities are refused)";

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  /** Turns parse errors into exceptions instead of printing them. */
  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
          // A warning does not stop parsing and is not a reason to refuse the document.
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
          throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
          throw exception;
        }
      };

  private SecureXml() {}

  /** A namespace-aware SAX reader that refuses DOCTYPE declarations. */
  static XMLReader reader() {
    try {
      SAXParserFactory factory = SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      XMLReader reader = factory.newSAXParser().getXMLReader();
      reader.setErrorHandler(SILENT);
      reader.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException(DOCTYPE_REASON);
          });
      return reader;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("The XML parser cannot be secured", e);
    }
  }

  /** A source for Saxon that parses {@code xml} with a {@link #reader()}. */
  static SAXSource source(String xml, String systemId) {
    InputSource input = new InputSource(new StringReader(xml));
    input.setSystemId(systemId);
    return new SAXSource(reader(), input);
  }

  /** Parses {@code xml} into a DOM with the same protections. */
  static Document parse(String xml) throws SAXException, IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      factory.setIgnoringComments(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be secured", e);
    }
  }

  /**
   * A W3C XML Schema factory that reads no external DTD or schema (imports and includes must be
   * inline) and throws on the first error instead of printing it.
   */
  static SchemaFactory schemaFactory() {
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setErrorHandler(SILENT);
      return factory;
    } catch (SAXException e) {
      throw new IllegalStateException("The XML schema factory cannot be secured", e);
    }
  }

  /** A validator of {@code schema} with the same protections. */
  static Validator validator(Schema schema) {
    try {
      Validator validator = schema.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setErrorHandler(SILENT);
      return validator;
    } catch (SAXException e) {
      throw new IllegalStateException("The XML validator cannot be secured", e);
    }
  }

  /** An empty namespace-aware DOM document, to build XML in (nothing is parsed). */
  static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("An empty XML document cannot be created", e);
    }
  }

  /** A short reason for a parse failure, naming the DOCTYPE rule when that is the cause. */
  static String reason(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String message = String.valueOf(cause.getMessage());
      if (message.contains("DOCTYPE") || message.contains(DOCTYPE_REASON)) {
        return DOCTYPE_REASON;
      }
    }
    return "XML is not well-formed: " + failure.getMessage();
  }
}
