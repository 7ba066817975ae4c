package org.saphan.sandbox.agency;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.saphan.sandbox.common.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The {@code soapAction} of each operation of a document/literal SOAP 1.1 WSDL, keyed by the
 * operation's request element, and the check a JAX-WS or CXF endpoint makes of the {@code
 * SOAPAction} HTTP header before it dispatches: present, not empty, and the action of the operation
 * whose request element the Body holds (WS-I Basic Profile R2744, quoted; an unquoted value is read
 * too).
 */
final class SoapActions {

  private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
  private static final String WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/";

  private final Map<String, String> byRequestElement;

  private SoapActions(Map<String, String> byRequestElement) {
    this.byRequestElement = Map.copyOf(byRequestElement);
  }

  /** Reads message parts, port type inputs and binding operations of the WSDL. */
  static SoapActions of(byte[] wsdl) {
    Document definitions = SecureXml.parse(wsdl);
    Map<String, String> elementOfMessage = new HashMap<>();
    for (Element message : children(definitions, WSDL_NS, "message")) {
      NodeList parts = message.getElementsByTagNameNS(WSDL_NS, "part");
      if (parts.getLength() == 1) {
        elementOfMessage.put(
            message.getAttribute("name"),
            localName(((Element) parts.item(0)).getAttribute("element")));
      }
    }
    Map<String, String> elementOfOperation = new HashMap<>();
    for (Element portType : children(definitions, WSDL_NS, "portType")) {
      for (Element operation : children(portType, WSDL_NS, "operation")) {
        NodeList inputs = operation.getElementsByTagNameNS(WSDL_NS, "input");
        if (inputs.getLength() == 1) {
          String message = localName(((Element) inputs.item(0)).getAttribute("message"));
          elementOfOperation.put(operation.getAttribute("name"), elementOfMessage.get(message));
        }
      }
    }
    Map<String, String> actions = new HashMap<>();
    for (Element binding : children(definitions, WSDL_NS, "binding")) {
      for (Element operation : children(binding, WSDL_NS, "operation")) {
        NodeList soap = operation.getElementsByTagNameNS(WSDL_SOAP_NS, "operation");
        String element = elementOfOperation.get(operation.getAttribute("name"));
        if (soap.getLength() == 1 && element != null) {
          actions.put(element, ((Element) soap.item(0)).getAttribute("soapAction"));
        }
      }
    }
    return new SoapActions(actions);
  }

  /** The action of the operation whose request element has this local name. */
  Optional<String> of(String requestElement) {
    return Optional.ofNullable(byRequestElement.get(requestElement));
  }

  /**
   * Why a {@code SOAPAction} header does not fit the request element, or empty when it does.
   *
   * @param header the header as received, or null when absent
   */
  Optional<String> mismatch(String header, String requestElement) {
    String expected = byRequestElement.get(requestElement);
    if (header == null) {
      return Optional.of("the SOAPAction header is missing");
    }
    String value = header.strip();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    if (value.isBlank()) {
      return Optional.of("the SOAPAction header is empty");
    }
    if (!value.equals(expected)) {
      return Optional.of("the given SOAPAction does not match an operation");
    }
    return Optional.empty();
  }

  private static Iterable<Element> children(org.w3c.dom.Node parent, String ns, String name) {
    NodeList nodes =
        parent instanceof Document document
            ? document.getDocumentElement().getChildNodes()
            : parent.getChildNodes();
    java.util.List<Element> found = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && ns.equals(e.getNamespaceURI())
          && name.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static String localName(String qualified) {
    int colon = qualified.indexOf(':');
    return colon < 0 ? qualified : qualified.substring(colon + 1);
  }
}
