package org.saphan.hub.security;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import org.saphan.catalog.common.SecureXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The SOAP 1.1 envelope the hub puts around a payload: the payload's bytes go into the Body as they
 * are (only an XML declaration dropped), so what was signed inside them is what is sent.
 */
public final class SoapEnvelope {

  /** SOAP 1.1 envelope namespace. */
  public static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";

  static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

  private static final Pattern PROLOG = Pattern.compile("^\\uFEFF?\\s*(<\\?xml[^>]*\\?>)?\\s*");

  private SoapEnvelope() {}

  /** A plain envelope (no Header) around the payload's exact bytes. */
  public static byte[] wrap(byte[] payload) {
    return wrap("", "", "", payload);
  }

  /**
   * An envelope around the payload's exact bytes.
   *
   * @param namespaces namespace declarations for the Envelope start tag (each with a leading space)
   * @param header the Header's content, or empty for no Header
   * @param bodyAttributes attributes for the Body start tag (each with a leading space)
   */
  static byte[] wrap(String namespaces, String header, String bodyAttributes, byte[] payload) {
    StringBuilder xml = new StringBuilder(payload.length + header.length() + 256);
    xml.append(DECLARATION)
        .append("<soap:Envelope xmlns:soap=\"")
        .append(SOAP_NS)
        .append('"')
        .append(namespaces)
        .append('>');
    if (!header.isEmpty()) {
      xml.append("<soap:Header>").append(header).append("</soap:Header>");
    }
    xml.append("<soap:Body")
        .append(bodyAttributes)
        .append('>')
        .append(payloadText(payload))
        .append("</soap:Body></soap:Envelope>");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The payload as UTF-8 text without its XML declaration (or byte order mark). */
  static String payloadText(byte[] payload) {
    return PROLOG.matcher(new String(payload, StandardCharsets.UTF_8)).replaceFirst("");
  }

  /** True when the element is a SOAP 1.1 Envelope. */
  public static boolean isEnvelope(Element element) {
    return SOAP_NS.equals(element.getNamespaceURI()) && "Envelope".equals(element.getLocalName());
  }

  /**
   * True when the XML's document element is a SOAP 1.1 Envelope; reads only up to that element (a
   * DOCTYPE before it answers false).
   */
  public static boolean isEnvelope(byte[] xml) {
    QName root = SecureXml.documentElement(xml);
    return root != null
        && SOAP_NS.equals(root.getNamespaceURI())
        && "Envelope".equals(root.getLocalPart());
  }

  /** The first element child of the envelope's Body, or {@code null} when there is none. */
  public static Element bodyChild(Element envelope) {
    Element body = child(envelope, SOAP_NS, "Body");
    if (body == null) {
      return null;
    }
    for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  /** The first child element with this namespace and local name, or {@code null}. */
  static Element child(Element parent, String namespace, String localName) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }
}
