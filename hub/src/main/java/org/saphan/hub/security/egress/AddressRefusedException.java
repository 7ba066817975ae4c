package org.saphan.hub.security.egress;

import java.net.UnknownHostException;

/**
 * A host resolved to an address the {@link EgressPolicy} refuses. An {@link UnknownHostException}
 * so that it leaves the HTTP client's connection code the way a failed lookup does.
 */
final class AddressRefusedException extends UnknownHostException {

  AddressRefusedException(String message) {
    super(message);
  }
}
