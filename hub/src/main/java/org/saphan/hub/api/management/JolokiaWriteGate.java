package org.saphan.hub.api.management;

import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.saphan.hub.ops.OperatorAudit;
import org.saphan.hub.platform.StartupRefusedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Decides and audits every Jolokia {@code exec} and {@code write}: allowed only when {@code
 * saphan.management.jolokia.*} names it, recorded in the operators' audit trail either way.
 *
 * <p>Jolokia builds its restrictor itself, by class name ({@link OperatorJolokiaRestrictor}); it
 * reaches this bean through {@link #current()}, which is why the instance is also kept statically.
 */
@Component
public class JolokiaWriteGate {

  private static volatile JolokiaWriteGate current;

  private final List<Allowance> reads;
  private final List<Allowance> operations;
  private final List<Allowance> attributes;
  private final OperatorAudit audit;

  /** One {@code <ObjectName pattern>#<member>} entry of the settings. */
  record Allowance(ObjectName pattern, String member) {

    static Allowance parse(String setting, String entry) {
      int hash = entry.lastIndexOf('#');
      if (hash <= 0 || hash == entry.length() - 1) {
        throw refused(setting, entry);
      }
      try {
        return new Allowance(
            new ObjectName(entry.substring(0, hash).trim()), entry.substring(hash + 1).trim());
      } catch (MalformedObjectNameException e) {
        throw refused(setting, entry);
      }
    }

    boolean allows(ObjectName name, String member) {
      return pattern.apply(name) && this.member.equals(member);
    }

    private static StartupRefusedException refused(String setting, String entry) {
      return new StartupRefusedException(
          setting + " entry '" + entry + "' is not <ObjectName pattern>#<name>",
          "Write each entry as e.g. org.apache.camel:type=routes,*#resume");
    }
  }

  public JolokiaWriteGate(ManagementProperties properties, OperatorAudit audit) {
    this.reads =
        properties.getJolokia().getReadOperations().stream()
            .map(e -> Allowance.parse("saphan.management.jolokia.read-operations", e))
            .toList();
    this.operations =
        properties.getJolokia().getAllowedOperations().stream()
            .map(e -> Allowance.parse("saphan.management.jolokia.allowed-operations", e))
            .toList();
    this.attributes =
        properties.getJolokia().getAllowedAttributeWrites().stream()
            .map(e -> Allowance.parse("saphan.management.jolokia.allowed-attribute-writes", e))
            .toList();
    this.audit = audit;
    current = this;
  }

  /** The gate of this JVM's hub, or {@code null} before it starts. */
  static JolokiaWriteGate current() {
    return current;
  }

  /**
   * Whether the caller may invoke {@code operation} (with or without its signature). A listed read
   * ({@code read-operations}) is allowed like a Jolokia read and not audited; any other operation
   * is a change, allowed only when listed and audited either way.
   */
  boolean exec(ObjectName name, String operation) {
    String bare = operation == null ? "" : operation.split("\\(", 2)[0].trim();
    if (reads.stream().anyMatch(a -> a.allows(name, bare))) {
      return true;
    }
    boolean allowed = operations.stream().anyMatch(a -> a.allows(name, bare));
    record("jolokia exec " + bare, name, allowed);
    return allowed;
  }

  /** Whether the caller may write {@code attribute}. */
  boolean write(ObjectName name, String attribute) {
    boolean allowed = attributes.stream().anyMatch(a -> a.allows(name, attribute));
    record("jolokia write " + attribute, name, allowed);
    return allowed;
  }

  private void record(String action, ObjectName name, boolean allowed) {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    audit.record(
        who == null ? null : who.getName(),
        OperatorAudit.Channel.JOLOKIA,
        action,
        name == null ? null : name.getCanonicalName(),
        null,
        allowed ? OperatorAudit.Outcome.SUCCEEDED : OperatorAudit.Outcome.REFUSED,
        allowed ? null : 403);
  }
}
