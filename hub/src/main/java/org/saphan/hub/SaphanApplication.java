package org.saphan.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Saphan hub: the Citizen Portal's bridge to the agencies and the shared components. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SaphanApplication {

  public static void main(String[] args) {
    SpringApplication.run(SaphanApplication.class, args);
  }
}
