package org.saphan.hub.identity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;

/** Gives the sandbox personas their agency roles (sandbox profile only, idempotent). */
public class SandboxRoleSeeder {

  private static final Logger log = LoggerFactory.getLogger(SandboxRoleSeeder.class);
  static final String RESOURCE = "sandbox/agency-roles.csv";

  /** {@code citizen_id,agency,role} after {@code #} comment lines. */
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180
          .builder()
          .setCommentMarker('#')
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .get();

  private final AgencyRoles roles;

  public SandboxRoleSeeder(AgencyRoles roles) {
    this.roles = roles;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void seed() {
    int added = 0;
    try (Reader reader =
        new InputStreamReader(
            new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8)) {
      for (CSVRecord row : FORMAT.parse(reader)) {
        if (roles.assign(
            row.get("citizen_id"), row.get("agency"), row.get("role"), "sandbox-seed")) {
          added++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    log.info("Sandbox agency role assignments: {} added", added);
  }
}
