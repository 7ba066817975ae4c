package org.saphan.hub.delivery;

import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.saphan.hub.security.egress.EgressClient;

/**
 * Sends the signed body to a SOAP agency through {@link SoapTransport} (over the hub's one {@link
 * EgressClient}): in a SOAP 1.1 envelope, with the {@code SOAPAction} of the WSDL operation whose
 * input element the body is. The envelope's exact bytes are what the message log hashes.
 */
public class SendSoap implements Processor {

  private final SoapTransport soap;

  public SendSoap(SoapTransport soap) {
    this.soap = soap;
  }

  @Override
  public void process(Exchange exchange) {
    Delivery delivery = Delivery.of(exchange);
    String address = exchange.getProperty(Delivery.ADDRESS, String.class);
    // The envelope is made here, so the message log hashes the bytes that go on the wire.
    byte[] envelope = SoapTransport.envelope(exchange.getMessage().getBody(byte[].class));
    delivery.sending(envelope);
    delivery.transport("soap");
    delivery.call(soap.call(delivery.card(), URI.create(address), envelope, delivery.messageId()));
  }
}
