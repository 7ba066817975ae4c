package org.saphan.hub.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.FormSettings;
import org.saphan.hub.consent.ConsentGate;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.evidence.Evidence;
import org.saphan.hub.gdx.GdxClient;
import org.saphan.hub.gdx.LinkageExtract;
import org.saphan.hub.platform.AsyncCommit;
import org.saphan.hub.platform.Json;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Smart-form pre-fill: reads from GDX / Linkage Center exactly the categories the card pre-fills
 * and the consent gate allows (the citizen's consent, or the card's lawful basis where it needs
 * none), with the provenance of every field.
 */
public class Prefill {

  /**
   * What GDX gave for one form.
   *
   * @param fields the values by field name
   * @param provenance by field: {@code {source, retrievedAt}}
   * @param categories the categories read
   * @param missingCategories categories the card pre-fills but the citizen did not consent to
   */
  public record Result(
      ObjectNode fields,
      ObjectNode provenance,
      Set<String> categories,
      List<String> missingCategories,
      List<Evidence.Entry> reads) {

    public Result(
        ObjectNode fields,
        ObjectNode provenance,
        Set<String> categories,
        List<String> missingCategories) {
      this(fields, provenance, categories, missingCategories, List.of());
    }

    /** Nothing read. */
    static Result empty(List<String> missing) {
      ObjectMapper json = JSON;
      return new Result(json.createObjectNode(), json.createObjectNode(), Set.of(), missing);
    }
  }

  private static final ObjectMapper JSON = Json.strict();

  private final ConsentGate gate;
  private final ObjectProvider<GdxClient> gdx;
  private final Evidence evidence;
  private final AsyncCommit commits;

  public Prefill(
      ConsentGate gate, ObjectProvider<GdxClient> gdx, Evidence evidence, AsyncCommit commits) {
    this.gate = gate;
    this.gdx = gdx;
    this.evidence = evidence;
    this.commits = commits;
  }

  /** The categories a card pre-fills ({@code form.prefill}). */
  public static List<String> categoriesOf(ConnectorCard card) {
    return new ArrayList<>(card.form().map(FormSettings::prefill).orElse(List.of()));
  }

  /**
   * Reads what the citizen allowed. With {@code requireSome}, refuses ({@code consent_required})
   * when the card pre-fills something and the citizen allowed none of it.
   */
  public Result read(String citizenId, ConnectorCard card, boolean requireSome) {
    List<String> wanted = categoriesOf(card);
    if (wanted.isEmpty()) {
      return Result.empty(List.of());
    }
    ConsentGate.Decision decision = gate.decide(citizenId, card, ConsentGate.Use.READ_GDX, wanted);
    List<String> missing = new ArrayList<>(wanted);
    missing.removeAll(decision.categories());
    if (decision.categories().isEmpty()) {
      if (requireSome) {
        gate.require(citizenId, card, ConsentGate.Use.READ_GDX, wanted);
      }
      return Result.empty(missing);
    }
    Set<String> allowed = new LinkedHashSet<>(wanted);
    allowed.retainAll(decision.categories());
    Result result = fetch(citizenId, card, decision, allowed, missing);
    commits.runIfDurableCommitFollows(() -> result.reads().forEach(evidence::record));
    return result;
  }

  /**
   * Reads every category the card pre-fills, for a submission: never fewer, never silently nothing.
   * Refuses ({@code consent_required}, naming the agreement) when the card's lawful basis needs
   * consent the citizen has not given for all of them; GDX's own errors reach the caller. The GDX
   * reads' message log entries ({@link Result#reads()}) are the caller's to record in the
   * transaction that keeps what was read ({@link #recordReads}): no commit of their own.
   */
  public Result readAll(String citizenId, ConnectorCard card) {
    return readAll(citizenId, card, categoriesOf(card));
  }

  /** {@link #readAll(String, ConnectorCard)} of these categories (a check operation's). */
  public Result readAll(String citizenId, ConnectorCard card, List<String> wanted) {
    if (wanted.isEmpty()) {
      return Result.empty(List.of());
    }
    ConsentGate.Decision decision = gate.require(citizenId, card, ConsentGate.Use.READ_GDX, wanted);
    return fetch(citizenId, card, decision, new LinkedHashSet<>(wanted), List.of());
  }

  private Result fetch(
      String citizenId,
      ConnectorCard card,
      ConsentGate.Decision decision,
      Set<String> allowed,
      List<String> missing) {
    GdxClient client = gdx.getIfAvailable();
    if (client == null) {
      throw SaphanException.system(
          ErrorCode.GDX_UNAVAILABLE,
          "GDX is not configured on this hub (saphan.gdx.base-url): pre-fill is not possible",
          null);
    }
    LinkageExtract extract;
    try {
      extract = client.read(citizenId, allowed);
    } catch (SaphanException e) {
      // no state change follows a failed read: its entry commits with the data-access entry
      Evidence.Entry failed =
          entry("gdx_request", card, decision).outcome(e.code().code()).exchange("gdx", "out");
      commits.runIfDurableCommitFollows(() -> evidence.record(failed));
      throw e;
    }
    List<Evidence.Entry> reads = logged(card, decision, extract);
    ObjectNode fields = JSON.valueToTree(extract.fields());
    ObjectNode provenance = JSON.createObjectNode();
    for (Map.Entry<String, LinkageExtract.Provenance> p : extract.provenance().entrySet()) {
      ObjectNode entry = provenance.putObject(p.getKey());
      entry.put("source", p.getValue().source());
      entry.put("retrievedAt", p.getValue().retrievedAt().toString());
    }
    return new Result(fields, provenance, allowed, missing, reads);
  }

  /**
   * Records the GDX reads of a {@link #readAll} in the caller's transaction (the application's
   * intake), as entries of that application.
   */
  public void recordReads(Result result, String applicationId) {
    for (Evidence.Entry read : result.reads()) {
      evidence.record(read.application(applicationId));
    }
  }

  /**
   * The GDX reads as message log entries: each call's request and answer by their SHA-256, under
   * the consent record or lawful basis that allowed them.
   */
  private static List<Evidence.Entry> logged(
      ConnectorCard card, ConsentGate.Decision decision, LinkageExtract extract) {
    List<Evidence.Entry> entries = new ArrayList<>();
    for (LinkageExtract.Exchange call : extract.exchanges()) {
      Map<String, Object> detail = Map.of("operation", call.operation());
      entries.add(
          entry("gdx_request", card, decision)
              .outcome("sent")
              .exchange("gdx", "out")
              .sha256(call.requestSha256())
              .detail(detail));
      entries.add(
          entry("gdx_answer", card, decision)
              .outcome("http_" + call.status())
              .exchange("gdx", "in")
              .sha256(call.answerSha256())
              .body(call.answer(), extract.citizenId())
              .detail(detail));
    }
    return List.copyOf(entries);
  }

  private static Evidence.Entry entry(
      String kind, ConnectorCard card, ConsentGate.Decision decision) {
    UUID consentRecord = decision.consentRecords().values().stream().findFirst().orElse(null);
    String basis = String.join(",", new LinkedHashSet<>(decision.lawfulBasis().values()));
    String lawfulBasis = consentRecord != null || basis.isEmpty() ? null : basis;
    return Evidence.entry(kind).connector(card.name()).authorisedBy(consentRecord, lawfulBasis);
  }

  /** The canonical applicant from what the citizen typed, completed by pre-filled fields. */
  static ObjectNode applicant(
      String citizenId, Map<String, Object> claims, JsonNode typed, ObjectNode prefilled) {
    ObjectNode applicant = JSON.createObjectNode();
    applicant.put("citizenId", citizenId);
    putFirst(applicant, "title", prefilled.path("titleTh"), typed.path("title"));
    putFirst(
        applicant,
        "givenName",
        prefilled.path("firstNameTh"),
        JSON.valueToTree(claims.get("given_name")),
        typed.path("givenName"));
    putFirst(
        applicant,
        "familyName",
        prefilled.path("lastNameTh"),
        JSON.valueToTree(claims.get("family_name")),
        typed.path("familyName"));
    putFirst(applicant, "birthDate", prefilled.path("birthDate"), typed.path("birthDate"));
    putFirst(applicant, "phone", typed.path("phone"));
    putFirst(applicant, "email", typed.path("email"));
    ObjectNode address = applicant.putObject("address");
    JsonNode typedAddress = typed.path("address");
    if (prefilled.has("houseNo")) {
      putFirst(address, "houseNo", prefilled.path("houseNo"));
      putFirst(address, "moo", prefilled.path("villageNo"));
      putFirst(address, "soi", prefilled.path("soi"));
      putFirst(address, "road", prefilled.path("road"));
      putFirst(address, "subdistrict", prefilled.path("subdistrict"));
      putFirst(address, "district", prefilled.path("district"));
      putFirst(address, "province", prefilled.path("province"));
      putFirst(address, "subdistrictCode", prefilled.path("subdistrictCode"));
      putFirst(address, "districtCode", prefilled.path("districtCode"));
      putFirst(address, "provinceCode", prefilled.path("provinceCode"));
      putFirst(address, "postcode", typedAddress.path("postcode"));
    } else if (typedAddress.isObject()) {
      address.setAll((ObjectNode) typedAddress);
    }
    return applicant;
  }

  private static void putFirst(ObjectNode target, String name, JsonNode... candidates) {
    for (JsonNode candidate : candidates) {
      if (candidate != null && !candidate.isMissingNode() && !candidate.isNull()) {
        if (candidate.isTextual() && candidate.asText().isBlank()) {
          continue;
        }
        target.set(name, candidate);
        return;
      }
    }
  }
}
