package org.saphan.hub.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.MessageSigner;
import org.saphan.hub.security.Pki;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A citizen's evidence bundle of one application (docs/evidence.md, "A citizen's bundle"): the
 * application's sealed records, the stamped manifests that seal them and their TSA tokens, the
 * certificates to check them, and a bundle manifest signed by the hub's CMS key; the offline
 * verifier accepts it like an archive.
 */
public class EvidenceBundles {

  static final String MANIFEST = "bundle-manifest.json";

  /** A bundle: its file name and bytes. */
  public record Bundle(String fileName, byte[] zip) {}

  private final JdbcClient jdbc;
  private final MessageSigner cms;
  private final Supplier<List<X509Certificate>> hubChain;
  private final Clock clock;

  /**
   * @param cms the hub's CMS signer
   * @param hubChain the certificates of the hub's current CMS key, leaf first, up to its root
   */
  public EvidenceBundles(
      JdbcClient jdbc, MessageSigner cms, Supplier<List<X509Certificate>> hubChain, Clock clock) {
    this.jdbc = jdbc;
    this.cms = cms;
    this.hubChain = hubChain;
    this.clock = clock;
  }

  /**
   * The bundle of an application, whose owner the caller has checked.
   *
   * @throws SaphanException {@code evidence_not_sealed} while none of the application's records is
   *     sealed in a stamped manifest yet
   */
  public Bundle of(String applicationId) {
    List<EvidenceZip.Sealed> records =
        jdbc.sql(
                "select e.id, e.manifest_id, e.position, e.record from evidence e"
                    + " join evidence_manifest m on m.id = e.manifest_id"
                    + " where e.application_id = ? and m.tsa_response is not null"
                    + " order by e.manifest_id, e.position")
            .param(applicationId)
            .query(
                (rs, row) ->
                    new EvidenceZip.Sealed(
                        rs.getLong("id"),
                        rs.getLong("manifest_id"),
                        rs.getInt("position"),
                        rs.getString("record")))
            .list();
    int pending =
        jdbc.sql(
                "select count(*) from evidence e where e.application_id = ? and not exists"
                    + " (select 1 from evidence_manifest m where m.id = e.manifest_id"
                    + " and m.tsa_response is not null)")
            .param(applicationId)
            .query(Integer.class)
            .single();
    if (records.isEmpty()) {
      throw SaphanException.business(
          ErrorCode.EVIDENCE_NOT_SEALED,
          "no evidence of "
              + applicationId
              + " is timestamped yet ("
              + pending
              + " records waiting); ask again in a minute",
          Map.of("pending", pending));
    }
    Set<Long> manifestIds = new TreeSet<>();
    records.forEach(r -> manifestIds.add(r.manifest()));
    Instant created = clock.instant().truncatedTo(ChronoUnit.MICROS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EvidenceZip zip = new EvidenceZip(out, created)) {
      List<Object> listed = new ArrayList<>();
      Set<X509Certificate> tsaCertificates = new LinkedHashSet<>();
      jdbc.sql(
              "select id, manifest, tsa_response from evidence_manifest where id in (:ids)"
                  + " order by id")
          .param("ids", List.copyOf(manifestIds))
          .query(
              (org.springframework.jdbc.core.RowCallbackHandler)
                  rs -> {
                    byte[] tsr = rs.getBytes("tsa_response");
                    listed.add(zip.putManifest(rs.getLong("id"), rs.getBytes("manifest"), tsr));
                    tsaCertificates.addAll(certificatesOf(tsr));
                  });
      zip.openRecords();
      records.forEach(zip::putRecord);
      Map<String, Object> recordList = zip.closeRecords();
      recordList.put("pending", pending);
      List<Object> certificates = new ArrayList<>();
      certificates.add(putPem(zip, "certs/hub.pem", hubChain.get()));
      if (!tsaCertificates.isEmpty()) {
        certificates.add(putPem(zip, "certs/tsa.pem", List.copyOf(tsaCertificates)));
      }
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("format", "saphan-evidence-bundle/1");
      manifest.put("applicationId", applicationId);
      manifest.put("created", EvidenceZip.time(created));
      manifest.put("manifests", listed);
      manifest.put("records", recordList);
      manifest.put("certificates", certificates);
      byte[] manifestBytes = EvidenceZip.json(manifest);
      zip.put(MANIFEST, manifestBytes);
      zip.put(MANIFEST + ".p7s", cms.sign(manifestBytes).detachedSignature());
    }
    return new Bundle("evidence-" + applicationId + ".zip", out.toByteArray());
  }

  private static Map<String, Object> putPem(
      EvidenceZip zip, String name, List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    certificates.forEach(c -> pem.append(Pki.toPem(c)));
    Map<String, Object> listed = new LinkedHashMap<>();
    listed.put("file", name);
    listed.put("sha256", zip.put(name, pem.toString().getBytes(StandardCharsets.US_ASCII)));
    return listed;
  }

  /** The certificates a TSA answer carries (its signer's, as asked with certReq). */
  private static List<X509Certificate> certificatesOf(byte[] tsr) {
    try {
      TimeStampToken token = new TimeStampResponse(tsr).getTimeStampToken();
      if (token == null) {
        return List.of();
      }
      List<X509Certificate> certificates = new ArrayList<>();
      for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
        certificates.add(Pki.parseCertificate(holder.getEncoded()));
      }
      return certificates;
    } catch (TSPException | IOException e) {
      throw SaphanException.system(
          ErrorCode.EVIDENCE_CHAIN_BROKEN, "a stored TSA answer is unreadable", e);
    }
  }
}
