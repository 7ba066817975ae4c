package org.saphan.hub.delivery;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.common.SecureXml;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.SoapEnvelope;
import org.saphan.hub.security.XmlDocuments;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.EgressRequest;
import org.saphan.hub.security.egress.EgressResponse;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Calls SOAP 1.1 agencies through the hub's {@link EgressClient}: the payload, already signed
 * (enveloped XML-DSig over the request element, exclusive C14N), is put into the Body of a SOAP 1.1
 * envelope byte for byte (a WS-Security signed envelope is sent as it is) and POSTed with the
 * {@code SOAPAction} of the WSDL operation whose input element it is (quoted, WS-I BP R2744). The
 * answer's Body payload is returned as XML text, a Fault with its code, string and detail code;
 * {@link AgencyAnswers} classifies both.
 */
public class SoapTransport {

  static final String SOAP_NS = SoapEnvelope.SOAP_NS;
  private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
  private static final String WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/";
  private static final long MAX_WSDL_BYTES = 1024L * 1024;

  private final Path home;
  private final EgressClient egress;
  private final Duration timeout;
  private final Map<String, Map<QName, String>> actions = new ConcurrentHashMap<>();

  /**
   * @param timeout the whole call's budget (connect, send, answer)
   */
  public SoapTransport(Path home, EgressClient egress, Duration timeout) {
    this.home = home;
    this.egress = egress;
    this.timeout = timeout;
  }

  /**
   * Sends a signed payload; answers with the response payload as XML text, or the Fault it carries
   * (for {@link AgencyAnswers} to classify).
   *
   * @throws DeliveryFailure transient when the agency cannot be reached or times out; permanent
   *     when the egress policy refuses its address, when the WSDL has no operation for the payload,
   *     or when a 2xx answer is not a SOAP envelope
   */
  public AgencyCall call(ConnectorCard card, URI endpoint, byte[] payload, String messageId) {
    String action = soapAction(card, rootElement(payload));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("SOAPAction", "\"" + action + "\"");
    headers.put("X-Message-Id", messageId);
    headers.put("X-Correlation-Id", messageId);
    EgressRequest request =
        EgressRequest.post(endpoint, "text/xml; charset=utf-8", envelope(payload))
            .withAccept("text/xml")
            .withHeaders(headers)
            .withTimeout(timeout)
            .withMaxBody(RestTransport.MAX_RESPONSE_BYTES);
    EgressResponse response = RestTransport.send(egress, card.name(), request);
    return answer(response, endpoint);
  }

  /** The WSDL's soapAction for the operation whose input element is {@code element}. */
  String soapAction(ConnectorCard card, QName element) {
    String wsdl = card.api().flatMap(ApiSettings::wsdl).orElse("");
    Map<QName, String> byElement =
        actions.computeIfAbsent(card.name() + "|" + wsdl, k -> readActions(card, wsdl));
    String action = byElement.get(element);
    if (action == null) {
      throw DeliveryFailure.permanent(
          ErrorCode.CARD_INVALID,
          "the WSDL " + wsdl + " of " + card.name() + " has no operation taking " + element,
          null);
    }
    return action;
  }

  /**
   * SOAP 1.1 envelope around the payload's exact bytes (only its XML declaration dropped); a
   * payload that already is an envelope (a signing profile that signs the whole message, e.g.
   * WS-Security) is sent unchanged.
   */
  static byte[] envelope(byte[] payload) {
    return SoapEnvelope.isEnvelope(payload) ? payload : SoapEnvelope.wrap(payload);
  }

  /** The request element: the payload's root, or for an envelope its Body's first child. */
  static QName rootElement(byte[] payload) {
    Element root;
    try {
      root = XmlDocuments.parse(payload).getDocumentElement();
    } catch (SaphanException e) {
      throw DeliveryFailure.permanent(
          ErrorCode.MAPPING_FAILED, "the mapped SOAP payload is not XML: " + e.getMessage(), e);
    }
    if (SoapEnvelope.isEnvelope(root)) {
      root = SoapEnvelope.bodyChild(root);
      if (root == null) {
        throw DeliveryFailure.permanent(
            ErrorCode.MAPPING_FAILED,
            "the signed SOAP envelope has no request element in its Body",
            null);
      }
    }
    return new QName(root.getNamespaceURI() == null ? "" : root.getNamespaceURI(), local(root));
  }

  /**
   * The answer as read from the wire: its Body payload, or its Fault with the agency's detail code.
   * Only what is not a SOAP envelope at all is refused here (with a 2xx); what the answer means
   * (acknowledgement, refusal, contract fault, transient) is decided by {@link AgencyAnswers}.
   */
  private AgencyCall answer(EgressResponse response, URI endpoint) {
    int status = response.status();
    Element payload;
    try {
      payload = bodyPayload(XmlDocuments.parse(response.body()));
    } catch (SaphanException | IllegalStateException e) {
      if (status / 100 != 2) {
        // a proxy's or server's error page: its status says what happened
        return AgencyCall.read(
            status, "text/xml", "", response.elapsedMillis(), null, response.body());
      }
      throw DeliveryFailure.permanent(
          ErrorCode.MALFORMED_RESPONSE,
          "SOAP answer of " + endpoint.getHost() + " (HTTP " + status + ") is not a SOAP envelope",
          null);
    }
    AgencyCall.SoapFault fault =
        SOAP_NS.equals(payload.getNamespaceURI()) && local(payload).equals("Fault")
            ? fault(payload)
            : null;
    return AgencyCall.read(
        status, "text/xml", text(payload), response.elapsedMillis(), fault, response.body());
  }

  private static Element bodyPayload(Document document) {
    Element envelope = document.getDocumentElement();
    if (!SOAP_NS.equals(envelope.getNamespaceURI()) || !local(envelope).equals("Envelope")) {
      throw new IllegalStateException("not a SOAP 1.1 envelope");
    }
    Element body = firstChild(envelope, SOAP_NS, "Body");
    if (body == null) {
      throw new IllegalStateException("no Body");
    }
    for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        return element;
      }
    }
    throw new IllegalStateException("empty Body");
  }

  /** A Fault's code (local name), string and the agency's own code in its {@code detail}. */
  static AgencyCall.SoapFault fault(Element fault) {
    String code = childText(fault, "faultcode");
    String local = code.contains(":") ? code.substring(code.indexOf(':') + 1) : code;
    String detailCode = null;
    for (Node node = fault.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && local(element).equals("detail")) {
        detailCode = firstCode(element);
      }
    }
    return new AgencyCall.SoapFault(local, childText(fault, "faultstring"), detailCode);
  }

  /** The text of the first element named {@code code} (any case, any namespace) under a node. */
  private static String firstCode(Element parent) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (local(element).equalsIgnoreCase("code")) {
          String text = element.getTextContent().trim();
          return text.isEmpty() ? null : text;
        }
        String nested = firstCode(element);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  private Map<QName, String> readActions(ConnectorCard card, String wsdl) {
    byte[] bytes = wsdlBytes(card, wsdl);
    try {
      return actionsByInputElement(XmlDocuments.parse(bytes));
    } catch (SaphanException | IllegalStateException e) {
      throw DeliveryFailure.permanent(
          ErrorCode.CARD_INVALID, "WSDL " + wsdl + " cannot be read: " + e.getMessage(), e);
    }
  }

  private byte[] wsdlBytes(ConnectorCard card, String wsdl) {
    if (wsdl.startsWith("mappings/")) {
      Path file = home.resolve(wsdl).normalize();
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw DeliveryFailure.permanent(
            ErrorCode.CARD_INVALID, "WSDL " + wsdl + " cannot be read", e);
      }
    }
    EgressResponse response;
    try {
      response =
          egress.send(
              card.name(),
              EgressRequest.get(URI.create(wsdl))
                  .withAccept("text/xml, application/xml")
                  .withTimeout(timeout)
                  .withMaxBody(MAX_WSDL_BYTES));
    } catch (IllegalArgumentException e) {
      throw DeliveryFailure.permanent(ErrorCode.CARD_INVALID, "api.wsdl is not a URL: " + wsdl, e);
    } catch (SaphanException e) {
      throw RestTransport.failure(e);
    }
    if (response.status() != 200) {
      throw DeliveryFailure.transientFailure(
          ErrorCode.AGENCY_UNAVAILABLE,
          "WSDL " + wsdl + " answered HTTP " + response.status(),
          null);
    }
    return response.body();
  }

  /**
   * Input element of each operation → the soapAction its SOAP binding declares (document/literal:
   * one part, an element). An operation without a soapAction gets {@code ""}.
   */
  static Map<QName, String> actionsByInputElement(Document wsdl) {
    Element root = wsdl.getDocumentElement();
    String targetNamespace = root.getAttribute("targetNamespace");
    Map<String, QName> messageElement = new LinkedHashMap<>();
    for (Element message : children(root, WSDL_NS, "message")) {
      for (Element part : children(message, WSDL_NS, "part")) {
        if (part.hasAttribute("element")) {
          messageElement.put(message.getAttribute("name"), qname(part, "element"));
        }
      }
    }
    Map<String, QName> operationInput = new LinkedHashMap<>();
    for (Element portType : children(root, WSDL_NS, "portType")) {
      for (Element operation : children(portType, WSDL_NS, "operation")) {
        Element input = firstChild(operation, WSDL_NS, "input");
        if (input != null) {
          QName message = qname(input, "message");
          QName element = messageElement.get(message.getLocalPart());
          if (element != null && targetNamespace.equals(message.getNamespaceURI())) {
            operationInput.put(operation.getAttribute("name"), element);
          }
        }
      }
    }
    Map<QName, String> actions = new LinkedHashMap<>();
    for (Element binding : children(root, WSDL_NS, "binding")) {
      if (firstChild(binding, WSDL_SOAP_NS, "binding") == null) {
        continue; // not a SOAP 1.1 binding
      }
      for (Element operation : children(binding, WSDL_NS, "operation")) {
        QName element = operationInput.get(operation.getAttribute("name"));
        Element soap = firstChild(operation, WSDL_SOAP_NS, "operation");
        if (element != null) {
          actions.putIfAbsent(element, soap == null ? "" : soap.getAttribute("soapAction"));
        }
      }
    }
    return Map.copyOf(actions);
  }

  private static QName qname(Element element, String attribute) {
    String value = element.getAttribute(attribute);
    int colon = value.indexOf(':');
    String prefix = colon < 0 ? null : value.substring(0, colon);
    String namespace = element.lookupNamespaceURI(prefix);
    return new QName(namespace == null ? "" : namespace, value.substring(colon + 1));
  }

  private static java.util.List<Element> children(Element parent, String ns, String name) {
    java.util.List<Element> found = new java.util.ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element
          && ns.equals(element.getNamespaceURI())
          && name.equals(local(element))) {
        found.add(element);
      }
    }
    return found;
  }

  private static Element firstChild(Element parent, String ns, String name) {
    java.util.List<Element> found = children(parent, ns, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String childText(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(local(element))) {
        return element.getTextContent().trim();
      }
    }
    return "";
  }

  private static String local(Element element) {
    return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
  }

  private static String text(Element payload) {
    try {
      StringWriter out = new StringWriter();
      Transformer transformer = SecureXml.newIdentityTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.transform(new DOMSource(payload), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw DeliveryFailure.permanent(
          ErrorCode.MALFORMED_RESPONSE, "SOAP answer unreadable: " + e.getMessage(), e);
    }
  }
}
