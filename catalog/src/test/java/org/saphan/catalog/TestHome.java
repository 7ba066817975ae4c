package org.saphan.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.saphan.catalog.cli.ValidateCommand;
import org.saphan.catalog.roadmap.RoadmapCatalog;

/**
 * A throw-away Saphan home for tests, with two known-good cards to break one rule at a time and a
 * copy of the project's roadmap service catalog ({@code connectors/roadmap/services.json}).
 */
final class TestHome {

  /** A valid model-1 card; line numbers are relied on by tests. */
  static final String LINK_OUT_CARD =
      """
      metadata:
        name: led-bankruptcy-check
      agency:
        code: led
        name: {th: กรมบังคับคดี, en: Legal Execution Department}
        ministry: {th: กระทรวงยุติธรรม, en: Ministry of Justice}
      service:
        name: {th: การตรวจสอบบุคคลล้มละลาย, en: Bankruptcy status check}
        roadmap: {phase: 1, order: 48, targetGroup: บริการอื่น ๆ}
      model: 1
      info:
        documentsRequired: []
        fee: {amount: 0.00, currency: THB}
        slaWorkingDays: 0
        channels: [agency_website]
      linkOut:
        url: https://e-service.led.example.go.th/bankruptcy
        allowedHosts: [e-service.led.example.go.th]
      """;

  /** A valid model-3 card whose mappings and examples {@link #withApiCard()} writes. */
  static final String API_CARD =
      """
      metadata:
        name: dcy-newborn-grant
      agency:
        code: dcy
        name: {th: กรมกิจการเด็กและเยาวชน, en: Department of Children and Youth}
        ministry: {th: กระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์}
      service:
        name: {th: เงินอุดหนุนเพื่อการเลี้ยงดูเด็กแรกเกิด (ตรวจสอบสถานะ)}
        roadmap: {phase: 1, order: 1, targetGroup: สวัสดิการสำหรับเด็กและสตรี}
      model: 3
      info:
        documentsRequired: []
        fee: {amount: 0.00}
        slaWorkingDays: 30
        channels: [portal]
      api:
        transport: rest
        endpoint: https://api.dcy.example.go.th/newborn-grant/v1/applications
        credentials:
          apiKey: ${env:DCY_API_KEY}
        mappings:
          request: mappings/dcy-newborn-grant/request.jsonata
          response: mappings/dcy-newborn-grant/response.jsonata
        statusCodes: {"10": received, "40": approved}
        signing:
          policy: jws
          algorithm: ES256
      consent:
        purpose: {th: เพื่อพิจารณาสิทธิรับเงินอุดหนุน}
        lawfulBasis: public_task
        dataCategories: {read: [identity], shared: [identity]}
      """;

  /** Resolves the API card's only secret. */
  static final SecretResolver SECRETS = SecretResolver.of(Map.of("DCY_API_KEY", "test-key-1"));

  final Path home;

  TestHome(Path home) {
    this.home = home;
    write("connectors/.keep", "");
    try {
      Path roadmap = home.resolve(RoadmapCatalog.SERVICES_FILE);
      Files.createDirectories(roadmap.getParent());
      Files.copy(projectHome().resolve(RoadmapCatalog.SERVICES_FILE), roadmap);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The project's own Saphan home: the {@code saphan.home} the build sets, else {@code ..}. */
  static Path projectHome() {
    String home = System.getProperty("saphan.home");
    return Path.of(home == null || home.isBlank() ? ".." : home).toAbsolutePath().normalize();
  }

  /** A home without the roadmap catalog. */
  TestHome withoutRoadmap() {
    try {
      Files.delete(home.resolve(RoadmapCatalog.SERVICES_FILE));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the API card unchanged, with its mappings and golden examples. */
  TestHome withApiCard() {
    return withApiCard(API_CARD);
  }

  /** Writes {@code card} as the API card, with the valid mappings and golden examples. */
  TestHome withApiCard(String card) {
    card("dcy-newborn-grant", card);
    write("mappings/dcy-newborn-grant/request.jsonata", "{\"ref\": applicationId}");
    write("mappings/dcy-newborn-grant/response.jsonata", "{\"accepted\": resultCode = \"0000\"}");
    write(
        "mappings/dcy-newborn-grant/examples/first.request.input.json",
        "{\"applicationId\": \"APP-1\", \"form\": {}}");
    write(
        "mappings/dcy-newborn-grant/examples/first.request.expected.json", "{\"ref\": \"APP-1\"}");
    write(
        "mappings/dcy-newborn-grant/examples/ok.response.input.json", "{\"resultCode\": \"0000\"}");
    write("mappings/dcy-newborn-grant/examples/ok.response.expected.json", "{\"accepted\": true}");
    return this;
  }

  /** Writes {@code connectors/<name>.connector.yaml}. */
  Path card(String name, String yaml) {
    return write("connectors/" + name + ".connector.yaml", yaml);
  }

  /** Writes a file under the home, creating folders. */
  Path write(String relative, String content) {
    try {
      Path file = home.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code ./saphan validate} on this home, printing to {@code out} (usage errors dropped). */
  ValidateCommand validateCommand(ByteArrayOutputStream out) {
    return new ValidateCommand(
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        SECRETS,
        home.toString());
  }

  /** Loads every card with the API card's secret resolvable. */
  LoadResult load(LoadOptions options) {
    return new CatalogLoader(home, SECRETS, options).load();
  }

  /** The findings of a load, as their text, each prefixed with its severity. */
  static List<String> lines(LoadResult result) {
    return result.findings().stream().map(finding -> finding.severity() + " " + finding).toList();
  }
}
