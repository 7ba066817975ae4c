package org.saphan.hub.api.management;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.management.ObjectName;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Jolokia's restrictor on the management port: {@code jolokia-access.xml} (read, list, search,
 * version) for everything but {@code exec} and {@code write}, which {@link JolokiaWriteGate}
 * decides per MBean and member, so that each attempt, allowed or refused, is audited.
 *
 * <p>Named in {@code management.endpoint.jolokia.config.restrictorClass}; Jolokia instantiates it.
 */
public class OperatorJolokiaRestrictor implements Restrictor {

  static final String POLICY = "/jolokia-access.xml";

  private final PolicyRestrictor policy;

  public OperatorJolokiaRestrictor(Configuration configuration) {
    this();
  }

  public OperatorJolokiaRestrictor() {
    try (InputStream in = OperatorJolokiaRestrictor.class.getResourceAsStream(POLICY)) {
      if (in == null) {
        throw new IllegalStateException(POLICY + " is missing from the classpath");
      }
      policy = new PolicyRestrictor(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POLICY, e);
    }
  }

  @Override
  public boolean isHttpMethodAllowed(HttpMethod method) {
    return policy.isHttpMethodAllowed(method);
  }

  @Override
  public boolean isTypeAllowed(RequestType type) {
    // exec and write reach the per-operation checks below, which refuse and audit them.
    return type == RequestType.EXEC || type == RequestType.WRITE || policy.isTypeAllowed(type);
  }

  @Override
  public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
    return policy.isAttributeReadAllowed(name, attribute);
  }

  @Override
  public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
    JolokiaWriteGate gate = JolokiaWriteGate.current();
    return gate != null && gate.write(name, attribute);
  }

  @Override
  public boolean isOperationAllowed(ObjectName name, String operation) {
    JolokiaWriteGate gate = JolokiaWriteGate.current();
    return gate != null && gate.exec(name, operation);
  }

  @Override
  public boolean isRemoteAccessAllowed(String... hostOrAddress) {
    return policy.isRemoteAccessAllowed(hostOrAddress);
  }

  @Override
  public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
    return policy.isOriginAllowed(origin, onlyWhenStrictCheckingIsEnabled);
  }

  @Override
  public boolean isObjectNameHidden(ObjectName name) {
    return policy.isObjectNameHidden(name);
  }
}
