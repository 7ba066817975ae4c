package org.saphan.catalog.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import org.saphan.catalog.common.SecureXml;
import org.saphan.catalog.common.XmlRefusedException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML Schema a WSDL's {@code types} declare, compiled with the hardened factory, against which
 * the messages a card sends an agency are checked. Reading a WSDL that is not well-formed, has no
 * schema, or whose schema does not compile gives a {@link Problem} with its line instead.
 */
public final class WsdlSchema {

  private static final String WSDL_11 = "http://schemas.xmlsoap.org/wsdl/";
  private static final String WSDL_20 = "http://www.w3.org/ns/wsdl";
  private static final Pattern SCHEMA_START =
      Pattern.compile("<([A-Za-z_][\\w.-]*:)?schema[\\s>/]");

  /**
   * A problem with a WSDL or with a message checked against it.
   *
   * @param reason what is wrong
   * @param line 1-based line in the file checked, 0 when unknown
   */
  public record Problem(String reason, int line) {}

  private final Schema schema;

  private WsdlSchema(Schema schema) {
    this.schema = schema;
  }

  /** Reads and compiles the schema of the WSDL file {@code file}. */
  public static WsdlSchema compile(Path file) throws WsdlException {
    String text;
    try {
      if (Files.size(file) > MappingRunner.MAX_MAPPING_BYTES) {
        throw new WsdlException(
            new Problem(
                "the WSDL is larger than " + MappingRunner.MAX_MAPPING_BYTES + " bytes", 0));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WsdlException(new Problem("the WSDL cannot be read as UTF-8 text", 0));
    }
    Document wsdl;
    try {
      wsdl = SecureXml.parse(text);
    } catch (XmlRefusedException e) {
      throw new WsdlException(
          new Problem(e.reason(), e.getCause() instanceof Exception cause ? lineOf(cause) : 0));
    }
    List<Element> schemas = schemaElements(wsdl);
    if (schemas.isEmpty()) {
      throw new WsdlException(
          new Problem("has no types/xs:schema to check the agency's messages against", 1));
    }
    List<Source> sources = new ArrayList<>();
    for (Element element : schemas) {
      sources.add(new DOMSource(standalone(element)));
    }
    try {
      return new WsdlSchema(SecureXml.schemaFactory().newSchema(sources.toArray(Source[]::new)));
    } catch (SAXException e) {
      throw new WsdlException(
          new Problem("its schema does not compile: " + e.getMessage(), schemaLine(text)));
    }
  }

  /** Checks one message (an agency request's body element); empty when it fits the schema. */
  public Optional<Problem> check(String xml) {
    try {
      SecureXml.validator(schema).validate(SecureXml.source(xml, "message"));
      return Optional.empty();
    } catch (SAXException e) {
      return Optional.of(new Problem(e.getMessage(), lineOf(e)));
    } catch (IOException e) {
      return Optional.of(new Problem("cannot be read: " + e.getMessage(), 0));
    }
  }

  private static List<Element> schemaElements(Document wsdl) {
    List<Element> schemas = new ArrayList<>();
    for (Node types = wsdl.getDocumentElement().getFirstChild();
        types != null;
        types = types.getNextSibling()) {
      if (types instanceof Element element
          && "types".equals(element.getLocalName())
          && (WSDL_11.equals(element.getNamespaceURI())
              || WSDL_20.equals(element.getNamespaceURI()))) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
          if (child instanceof Element schema
              && "schema".equals(schema.getLocalName())
              && XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(schema.getNamespaceURI())) {
            schemas.add(schema);
          }
        }
      }
    }
    return schemas;
  }

  /**
   * The schema element as a document of its own, with the namespace declarations it inherits from
   * the WSDL (its QName references, such as {@code type="tns:Text100"}, need them).
   */
  private static Document standalone(Element schema) {
    Document document = SecureXml.newDocument();
    Element copy = (Element) document.importNode(schema, true);
    document.appendChild(copy);
    for (Node parent = schema.getParentNode();
        parent instanceof Element ancestor;
        parent = ancestor.getParentNode()) {
      NamedNodeMap attributes = ancestor.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
            && !copy.hasAttributeNS(
                XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getLocalName())) {
          copy.setAttributeNS(
              XMLConstants.XMLNS_ATTRIBUTE_NS_URI, attribute.getName(), attribute.getValue());
        }
      }
    }
    return document;
  }

  private static int schemaLine(String text) {
    Matcher start = SCHEMA_START.matcher(text);
    if (!start.find()) {
      return 0;
    }
    return (int) text.substring(0, start.start()).chars().filter(c -> c == '\n').count() + 1;
  }

  private static int lineOf(Exception e) {
    return e instanceof SAXParseException parse && parse.getLineNumber() > 0
        ? parse.getLineNumber()
        : 0;
  }

  /** A WSDL that cannot serve to check messages, with the reason. */
  public static final class WsdlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    WsdlException(Problem problem) {
      super(problem.reason(), null, false, false);
      this.problem = problem;
    }

    /** What is wrong, and where in the WSDL. */
    public Problem problem() {
      return problem;
    }
  }
}
