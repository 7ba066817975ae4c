package org.saphan.hub.batch.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.saphan.catalog.CanonicalStatus;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.CatalogLoader;
import org.saphan.catalog.LoadOptions;
import org.saphan.catalog.SecretResolver;
import org.saphan.catalog.roadmap.RoadmapCatalog;
import org.saphan.hub.applications.Application;
import org.saphan.hub.security.CertificateAuthority;
import org.saphan.hub.security.KeyFamily;
import org.saphan.hub.security.Pki;
import org.saphan.hub.security.SigningKey;
import org.saphan.hub.security.keys.InMemoryKeyRing;
import org.saphan.hub.support.MigratedDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the export tests share, once per test JVM: a PostgreSQL of their own with the hub's
 * migrations (no Spring context), a test CA with the hub's RSA key ring and the agency's RSA
 * certificate (files are encrypted to it), and a Saphan home holding one batch card.
 */
final class BatchExportFixture {

  static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

  /** The real time at start-up, so the certificates are valid for openssl too. */
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  static final String CONNECTOR = "doae-farmer-registration";

  static final DataSource DATABASE = MigratedDatabase.get();
  static final JdbcClient JDBC = JdbcClient.create(DATABASE);
  static final TransactionTemplate TRANSACTIONS =
      new TransactionTemplate(new DataSourceTransactionManager(DATABASE));
  static final CertificateAuthority CA =
      Pki.createRootCa(
          "Batch Test CA",
          KeyFamily.EC_P256,
          NOW.minus(Duration.ofDays(30)),
          NOW.plus(Duration.ofDays(3650)));
  static final InMemoryKeyRing KEYS = keyRing();
  static final SigningKey AGENCY =
      Pki.issueSigningKey(
          CA,
          KeyFamily.RSA_3072,
          "DOAE batch",
          NOW.minus(Duration.ofDays(1)),
          NOW.plus(Duration.ofDays(365)));

  private BatchExportFixture() {}

  private static InMemoryKeyRing keyRing() {
    InMemoryKeyRing ring =
        new InMemoryKeyRing(CA, Clock.fixed(NOW, BANGKOK), Duration.ofDays(3000));
    ring.rotate(KeyFamily.RSA_3072);
    return ring;
  }

  /** No applications, no queue, no files. */
  static void reset() {
    JDBC.sql(
            "truncate batch_export_item, batch_export_file, evidence, timeline_entry, application"
                + " cascade")
        .update();
  }

  /** An application of the batch card, submitted. */
  static Application application(String id) {
    return new Application(
        id,
        UUID.randomUUID(),
        "svc",
        CONNECTOR,
        3,
        "DOAE",
        "1101700203451",
        CanonicalStatus.SUBMITTED,
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
        null,
        NOW,
        NOW,
        NOW,
        0,
        null);
  }

  /** The batch card's line for an applicant. */
  static String record(String id, String firstName, String lastName, String area) {
    return "{\"applicationId\": \""
        + id
        + "\", \"citizenId\": \"1101700203451\", \"firstName\": \""
        + firstName
        + "\", \"lastName\": \""
        + lastName
        + "\", \"province\": \"เชียงใหม่\", \"farmAreaRai\": "
        + area
        + ", \"submittedDate\": \"2026-12-07\"}";
  }

  /**
   * A Saphan home with the batch card, uploading to {@code port} (user {@code archive} of the test
   * SFTP server, by key, host key pinned), encrypting to the agency's certificate when asked.
   */
  static Catalog home(
      Path home, Path projectHome, Path keyFile, int port, String fingerprint, boolean encrypt)
      throws IOException {
    return home(home, projectHome, keyFile, port, fingerprint, encrypt, false);
  }

  /**
   * The same, and with {@code results} the card takes DOAE's result files from {@code /outbox}
   * (layout of the project, due within 12 hours), signed by the agency's certificate it pins.
   */
  static Catalog home(
      Path home,
      Path projectHome,
      Path keyFile,
      int port,
      String fingerprint,
      boolean encrypt,
      boolean results)
      throws IOException {
    Path roadmap = home.resolve(RoadmapCatalog.SERVICES_FILE);
    Files.createDirectories(roadmap.getParent());
    Files.copy(projectHome.resolve(RoadmapCatalog.SERVICES_FILE), roadmap);
    for (String file :
        List.of(
            "batch/layouts/doae-farmer-registration.yaml",
            "batch/layouts/doae-farmer-results.yaml",
            "batch/schedules.yaml",
            "mappings/" + CONNECTOR + "/status.jsonata")) {
      Files.createDirectories(home.resolve(file).getParent());
      Files.copy(projectHome.resolve(file), home.resolve(file));
    }
    write(home, "mappings/" + CONNECTOR + "/request.jsonata", "{\"applicationId\": applicationId}");
    write(home, "mappings/" + CONNECTOR + "/response.jsonata", "{\"accepted\": true}");
    Files.createDirectories(home.resolve("keys/private"));
    Files.copy(keyFile, home.resolve("keys/private/sftp-doae"));
    write(home, "keys/public/doae.pem", Pki.toPem(AGENCY.certificate()));
    write(
        home,
        "connectors/" + CONNECTOR + ".connector.yaml",
        """
        metadata:
          name: doae-farmer-registration
        agency:
          code: doae
          name: {th: กรมส่งเสริมการเกษตร, en: Department of Agricultural Extension}
          ministry: {th: กระทรวงเกษตรและสหกรณ์}
        service:
          name: {th: การขึ้นทะเบียนเกษตรกร}
          roadmap: {phase: 2, order: 22, targetGroup: งานบริการด้านอื่น ๆ}
        model: 3
        info:
          documentsRequired: []
          fee: {amount: 0.00}
          slaWorkingDays: 15
          channels: [portal]
        api:
          transport: batch
          batch:
            layout: batch/layouts/doae-farmer-registration.yaml
            schedule: batch-export
            sftp:
              host: localhost
              port: %d
              username: archive
              privateKey: keys/private/sftp-doae
              hostKeyFingerprint: %s
              remoteDir: /inbox
        %s
          mappings:
            request: mappings/doae-farmer-registration/request.jsonata
            response: mappings/doae-farmer-registration/response.jsonata
        %s
          statusCodes: {"01": received, "R": received, "A": approved, "X": rejected}
          signing: {policy: cms, algorithm: RSA-SHA256}
        %s
        consent:
          purpose: {th: เพื่อขึ้นทะเบียนเกษตรกร}
          lawfulBasis: public_task
          dataCategories: {read: [identity], shared: [identity]}
        """
            .formatted(
                port,
                fingerprint,
                (encrypt ? "    encryptTo: keys/public/doae.pem\n" : "")
                    + (results
                        ? "    results:\n      layout: batch/layouts/doae-farmer-results.yaml\n"
                            + "      schedule: batch-import\n      remoteDir: /outbox\n"
                            + "      expectedWithin: PT12H"
                        : ""),
                results ? "    status: mappings/doae-farmer-registration/status.jsonata" : "",
                results ? "  trust:\n    certificate: doae.pem" : ""));
    return new CatalogLoader(home, SecretResolver.of(Map.of()), LoadOptions.validate())
        .loadOrThrow();
  }

  /** The agency's private key, PEM (PKCS#8), for openssl; written by Bouncy Castle's writer. */
  static void writeAgencyKey(Path file) throws IOException {
    try (org.bouncycastle.openssl.jcajce.JcaPEMWriter pem =
        new org.bouncycastle.openssl.jcajce.JcaPEMWriter(
            Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
      pem.writeObject(
          new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(AGENCY.privateKey(), null));
    }
  }

  private static void write(Path home, String relative, String text) throws IOException {
    Path file = home.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
