package org.saphan.hub.routes.delivery;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.saphan.catalog.ConnectorCard;
import org.saphan.hub.security.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Calls SOAP agencies with Apache CXF: a JAX-WS {@code Dispatch} in payload mode built from the
 * WSDL the card names (the copy kept with its mappings, or the agency's URL), one per connector,
 * thread-safe, with the endpoint address and timeouts from the hub. The payload travels already
 * signed (enveloped XML-DSig); CXF only wraps it in the SOAP envelope.
 */
public class SoapTransport {

  /** A Dispatch and the soapAction of each operation, keyed by its input element's local name. */
  private record Port(Dispatch<Source> dispatch, Map<String, String> actions) {}

  private final Path home;
  private final long connectTimeoutMillis;
  private final long receiveTimeoutMillis;
  private final Map<String, Port> ports = new ConcurrentHashMap<>();

  public SoapTransport(Path home, java.time.Duration connect, java.time.Duration receive) {
    this.home = home;
    this.connectTimeoutMillis = connect.toMillis();
    this.receiveTimeoutMillis = receive.toMillis();
  }

  /**
   * Sends a signed payload; answers with the response payload as XML text.
   *
   * @throws DeliveryFailure transient when the agency cannot be reached, times out or faults on its
   *     side; permanent when it faults the request ({@code soap:Client})
   */
  public AgencyCall call(ConnectorCard card, URI endpoint, byte[] payload, String messageId) {
    Port port = ports.computeIfAbsent(card.name() + "|" + endpoint, k -> open(card, endpoint));
    Map<String, Object> context = port.dispatch().getRequestContext();
    context.put(
        MessageContext.HTTP_REQUEST_HEADERS,
        Map.of("X-Message-Id", List.of(messageId), "X-Correlation-Id", List.of(messageId)));
    // WS-I BP R2744: the SOAPAction of the WSDL operation whose input the payload is.
    String action = port.actions().get(rootElement(payload));
    context.put(BindingProvider.SOAPACTION_USE_PROPERTY, action != null);
    if (action != null) {
      context.put(BindingProvider.SOAPACTION_URI_PROPERTY, action);
    }
    long started = System.nanoTime();
    try {
      Source response = port.dispatch().invoke(new StreamSource(new ByteArrayInputStream(payload)));
      return new AgencyCall(
          200, "text/xml", text(response), (System.nanoTime() - started) / 1_000_000);
    } catch (SOAPFaultException fault) {
      String code = fault.getFault().getFaultCodeAsQName().getLocalPart();
      String reason = fault.getFault().getFaultString();
      if (code.equalsIgnoreCase("Client") || code.equalsIgnoreCase("Sender")) {
        throw DeliveryFailure.permanent(
            "agency_rejected_request", "agency SOAP fault " + code + ": " + reason, fault);
      }
      throw DeliveryFailure.transientFailure(
          "agency_unavailable", "agency SOAP fault " + code + ": " + reason, fault);
    } catch (WebServiceException e) {
      throw DeliveryFailure.transientFailure(
          "agency_unavailable",
          "SOAP call to " + endpoint.getHost() + " failed: " + rootMessage(e),
          e);
    }
  }

  private Port open(ConnectorCard card, URI endpoint) {
    URL wsdl = wsdlUrl(card.at("/api/wsdl").asText());
    QName[] names = serviceAndPort(wsdl);
    Service service = Service.create(wsdl, names[0]);
    Dispatch<Source> dispatch =
        service.createDispatch(names[1], Source.class, Service.Mode.PAYLOAD);
    Map<String, Object> context = dispatch.getRequestContext();
    context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, endpoint.toString());
    // Each thread keeps its own request context: one Dispatch serves concurrent deliveries.
    context.put("thread.local.request.context", "true");
    Client client = ((DispatchImpl<?>) dispatch).getClient();
    HTTPConduit conduit = (HTTPConduit) client.getConduit();
    HTTPClientPolicy policy = new HTTPClientPolicy();
    policy.setConnectionTimeout(connectTimeoutMillis);
    policy.setReceiveTimeout(receiveTimeoutMillis);
    policy.setAllowChunking(false);
    conduit.setClient(policy);
    return new Port(dispatch, soapActions(wsdl));
  }

  /** Input element local name of each operation → the soapAction its binding declares. */
  static Map<String, String> soapActions(URL wsdl) {
    String wsdlNs = "http://schemas.xmlsoap.org/wsdl/";
    try {
      Element root = SecureXml.parse(wsdlBytes(wsdl)).getDocumentElement();
      Map<String, String> elementOfMessage = new java.util.HashMap<>();
      org.w3c.dom.NodeList messages = root.getElementsByTagNameNS(wsdlNs, "message");
      for (int i = 0; i < messages.getLength(); i++) {
        Element message = (Element) messages.item(i);
        Element part = (Element) message.getElementsByTagNameNS(wsdlNs, "part").item(0);
        if (part != null) {
          elementOfMessage.put(
              message.getAttribute("name"), localName(part.getAttribute("element")));
        }
      }
      Map<String, String> actions = new java.util.HashMap<>();
      org.w3c.dom.NodeList operations = root.getElementsByTagNameNS(wsdlNs, "operation");
      Map<String, String> inputOf = new java.util.HashMap<>();
      for (int i = 0; i < operations.getLength(); i++) {
        Element operation = (Element) operations.item(i);
        Element input = (Element) operation.getElementsByTagNameNS(wsdlNs, "input").item(0);
        if (input != null && input.hasAttribute("message")) {
          inputOf.put(
              operation.getAttribute("name"),
              elementOfMessage.get(localName(input.getAttribute("message"))));
        }
      }
      for (int i = 0; i < operations.getLength(); i++) {
        Element operation = (Element) operations.item(i);
        Element soap =
            (Element)
                operation
                    .getElementsByTagNameNS("http://schemas.xmlsoap.org/wsdl/soap/", "operation")
                    .item(0);
        String element = inputOf.get(operation.getAttribute("name"));
        if (soap != null && element != null) {
          actions.put(element, soap.getAttribute("soapAction"));
        }
      }
      return Map.copyOf(actions);
    } catch (Exception e) {
      throw DeliveryFailure.permanent(
          "card_invalid", "WSDL " + wsdl + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String rootElement(byte[] payload) {
    try {
      return SecureXml.parse(payload).getDocumentElement().getLocalName();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String localName(String qualified) {
    return qualified.substring(qualified.indexOf(':') + 1);
  }

  private static byte[] wsdlBytes(URL wsdl) throws Exception {
    return wsdl.getProtocol().equals("file")
        ? Files.readAllBytes(Path.of(wsdl.toURI()))
        : wsdl.openStream().readAllBytes();
  }

  private URL wsdlUrl(String wsdl) {
    try {
      if (wsdl.startsWith("mappings/")) {
        return home.resolve(wsdl).toUri().toURL();
      }
      return URI.create(wsdl).toURL();
    } catch (MalformedURLException e) {
      throw DeliveryFailure.permanent("card_invalid", "api.wsdl is not usable: " + wsdl, e);
    }
  }

  /** The first service of the WSDL and its first port, read with the hub's hardened parser. */
  static QName[] serviceAndPort(URL wsdl) {
    try {
      byte[] bytes =
          wsdl.getProtocol().equals("file")
              ? Files.readAllBytes(Path.of(wsdl.toURI()))
              : wsdl.openStream().readAllBytes();
      Document document = SecureXml.parse(bytes);
      Element root = document.getDocumentElement();
      String namespace = root.getAttribute("targetNamespace");
      String wsdlNs = "http://schemas.xmlsoap.org/wsdl/";
      Element service = (Element) root.getElementsByTagNameNS(wsdlNs, "service").item(0);
      Element port = (Element) service.getElementsByTagNameNS(wsdlNs, "port").item(0);
      return new QName[] {
        new QName(namespace, service.getAttribute("name")),
        new QName(namespace, port.getAttribute("name"))
      };
    } catch (Exception e) {
      throw DeliveryFailure.permanent(
          "card_invalid", "WSDL " + wsdl + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String text(Source source) {
    try {
      StringWriter out = new StringWriter();
      javax.xml.transform.Transformer transformer = SecureXml.newIdentityTransformer();
      transformer.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, "yes");
      transformer.transform(source, new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw DeliveryFailure.permanent(
          "malformed_response", "SOAP answer unreadable: " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }
}
