package org.saphan.hub.api.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.management.ObjectName;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;
import org.junit.jupiter.api.Test;
import org.saphan.hub.platform.StartupRefusedException;

/** jolokia-access.xml and the exec / write allowances, without a running hub. */
class OperatorJolokiaRestrictorTest {

  private final OperatorJolokiaRestrictor restrictor = new OperatorJolokiaRestrictor();

  @Test
  void shouldAllowReadListSearchAndVersionWhenPolicyIsLoaded() {
    // then
    assertThat(restrictor.isTypeAllowed(RequestType.READ)).isTrue();
    assertThat(restrictor.isTypeAllowed(RequestType.LIST)).isTrue();
    assertThat(restrictor.isTypeAllowed(RequestType.SEARCH)).isTrue();
    assertThat(restrictor.isTypeAllowed(RequestType.VERSION)).isTrue();
    assertThat(restrictor.isHttpMethodAllowed(HttpMethod.GET)).isTrue();
    assertThat(restrictor.isHttpMethodAllowed(HttpMethod.POST)).isTrue();
  }

  @Test
  void shouldRefuseNotificationsWhenPolicyIsLoaded() {
    // then
    assertThat(restrictor.isTypeAllowed(RequestType.NOTIFICATION)).isFalse();
  }

  @Test
  void shouldRefuseEveryExecAndWriteWhenNoGateIsRunning() throws Exception {
    // given
    ObjectName route = new ObjectName("org.apache.camel:context=saphan,type=routes,name=\"r\"");
    // then (unit tests start no hub: without its gate nothing is allowed)
    assertThat(JolokiaWriteGate.current()).isNull();
    assertThat(restrictor.isOperationAllowed(route, "stop()")).isFalse();
    assertThat(restrictor.isAttributeWriteAllowed(route, "Tracing")).isFalse();
  }

  @Test
  void shouldMatchAnAllowanceByPatternAndMemberWhenListed() throws Exception {
    // given
    JolokiaWriteGate.Allowance resume =
        JolokiaWriteGate.Allowance.parse("setting", "org.apache.camel:type=routes,*#resume");
    ObjectName route = new ObjectName("org.apache.camel:context=saphan,type=routes,name=\"r\"");
    ObjectName broker = new ObjectName("org.apache.activemq.artemis:broker=\"b\"");
    // then
    assertThat(resume.allows(route, "resume")).isTrue();
    assertThat(resume.allows(route, "stop")).isFalse();
    assertThat(resume.allows(broker, "resume")).isFalse();
  }

  @Test
  void shouldTreatCamelRouteDumpsAsReadsButNotTracedMessagesWhenDefaultsApply() throws Exception {
    // given: the default read operations
    List<JolokiaWriteGate.Allowance> reads =
        new ManagementProperties()
            .getJolokia().getReadOperations().stream()
                .map(e -> JolokiaWriteGate.Allowance.parse("setting", e))
                .toList();
    ObjectName route = new ObjectName("org.apache.camel:context=saphan,type=routes,name=\"r\"");
    ObjectName context = new ObjectName("org.apache.camel:context=saphan,type=context,name=\"c\"");
    ObjectName tracer = new ObjectName("org.apache.camel:context=saphan,type=tracer,name=\"t\"");
    // then: the route diagram and its counters are reads
    assertThat(reads.stream().anyMatch(a -> a.allows(route, "dumpRouteAsXml"))).isTrue();
    assertThat(reads.stream().anyMatch(a -> a.allows(route, "dumpRouteStatsAsXml"))).isTrue();
    assertThat(reads.stream().anyMatch(a -> a.allows(context, "dumpRoutesAsXml"))).isTrue();
    // and changes and message content are not
    assertThat(reads.stream().anyMatch(a -> a.allows(route, "stop"))).isFalse();
    assertThat(reads.stream().anyMatch(a -> a.allows(context, "sendBody"))).isFalse();
    assertThat(reads.stream().anyMatch(a -> a.allows(tracer, "dumpTracedMessagesAsXml"))).isFalse();
    assertThat(reads.stream().anyMatch(a -> a.allows(tracer, "dumpAllTracedMessagesAsXml")))
        .isFalse();
  }

  @Test
  void shouldRefuseToStartWhenAnAllowanceIsMalformed() {
    // then
    assertThatThrownBy(() -> JolokiaWriteGate.Allowance.parse("setting", "no-hash"))
        .isInstanceOf(StartupRefusedException.class);
    assertThatThrownBy(() -> JolokiaWriteGate.Allowance.parse("setting", "::bad#stop"))
        .isInstanceOf(StartupRefusedException.class);
    assertThatThrownBy(() -> JolokiaWriteGate.Allowance.parse("setting", "a:b=c#"))
        .isInstanceOf(StartupRefusedException.class);
  }
}
