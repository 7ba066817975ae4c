package org.saphan.hub.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** This hub node's name, for logs, locks, metrics and the start record. */
public class NodeIdentity {

  private final String name;

  public NodeIdentity(SaphanProperties properties, Environment environment) {
    this.name =
        StringUtils.hasText(properties.getNodeName())
            ? properties.getNodeName()
            : hostName() + ":" + environment.getProperty("server.port", "8080");
  }

  public String name() {
    return name;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
