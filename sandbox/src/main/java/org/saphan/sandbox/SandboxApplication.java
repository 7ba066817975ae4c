package org.saphan.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The simulated parties of the sandbox: agencies, GDX, Digital ID and e-Payment, over the wire. */
@SpringBootApplication
public class SandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(SandboxApplication.class, args);
  }
}
