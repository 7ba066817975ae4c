package org.saphan.hub.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** Gives the sandbox personas their agency roles (sandbox profile only, idempotent). */
@Component
@Profile("sandbox")
public class SandboxRoleSeeder {

  private static final Logger log = LoggerFactory.getLogger(SandboxRoleSeeder.class);
  static final String RESOURCE = "sandbox/agency-roles.csv";

  private final AgencyRoles roles;

  public SandboxRoleSeeder(AgencyRoles roles) {
    this.roles = roles;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void seed() {
    int added = 0;
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#") || line.startsWith("citizen_id,")) {
          continue;
        }
        String[] fields = line.split(",");
        if (roles.assign(fields[0].trim(), fields[1].trim(), fields[2].trim(), "sandbox-seed")) {
          added++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    log.info("Sandbox agency role assignments: {} added", added);
  }
}
