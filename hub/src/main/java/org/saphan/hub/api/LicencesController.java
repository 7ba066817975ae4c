package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.saphan.hub.backoffice.LicenceHtml;
import org.saphan.hub.backoffice.LicenceVerifier;
import org.saphan.hub.backoffice.Licences;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.identity.Caller;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Digital licences: the holder's list and download (JSON with the signed credential, or a printable
 * HTML rendering with {@code ?format=html}), and the public verification anyone may call, with or
 * without the credential they were shown.
 */
@RestController
public class LicencesController {

  private final Licences licences;
  private final LicenceVerifier verifier;
  private final LicenceHtml html;

  public LicencesController(Licences licences, LicenceVerifier verifier, LicenceHtml html) {
    this.licences = licences;
    this.verifier = verifier;
    this.html = html;
  }

  /** The citizen's licences, newest first. */
  @GetMapping(path = "/api/v1/licences", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> mine(
      @RequestParam(name = "limit", defaultValue = "50") int limit, Caller caller) {
    caller.requireCitizen();
    if (limit < 1 || limit > 500) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "limit is 1 to 500");
    }
    return licences.ofHolder(caller.citizenId(), limit).stream()
        .map(
            l -> {
              Map<String, Object> view = new LinkedHashMap<>(Licences.publicView(l));
              view.put("applicationId", l.applicationId());
              view.putAll(licences.urls(l.id()));
              return view;
            })
        .toList();
  }

  /** A licence for its holder (or an officer of its agency, or an operator). */
  @GetMapping(path = "/api/v1/licences/{id}")
  ResponseEntity<?> one(
      @PathVariable("id") String id,
      @RequestParam(name = "format", defaultValue = "json") String format,
      Caller caller) {
    Licences.Licence licence = licences.readable(caller, id);
    if (format.equals("html")) {
      return ResponseEntity.ok()
          .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
          .cacheControl(CacheControl.noStore())
          .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
          .body(html.html(licence));
    }
    if (!format.equals("json")) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "format is json or html");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .cacheControl(CacheControl.noStore())
        .body(licences.download(licence));
  }

  /**
   * Verifies a licence for anyone: {@code {valid, reason, licence}}. With {@code credential}, the
   * credential the verifier was shown is checked; without, the hub's own copy.
   */
  @GetMapping(path = "/api/v1/licences/{id}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> verify(
      @PathVariable("id") String id,
      @RequestParam(name = "credential", required = false) String credential) {
    return answer(verifier.verify(id, credential));
  }

  /** As the GET, with the credential in the body: {@code {credential}}. */
  @PostMapping(
      path = "/api/v1/licences/{id}/verify",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> verifyPresented(@PathVariable("id") String id, @RequestBody JsonNode body) {
    JsonNode credential = body == null ? null : body.get("credential");
    if (credential == null || !credential.isTextual()) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "credential is required: the licence's compact JWS");
    }
    return answer(verifier.verify(id, credential.asText()));
  }

  private static Map<String, Object> answer(LicenceVerifier.Verification verification) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("valid", verification.valid());
    body.put("reason", verification.reason());
    body.put("licence", verification.licence());
    return body;
  }
}
