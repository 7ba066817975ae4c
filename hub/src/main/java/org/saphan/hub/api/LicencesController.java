package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(
    name = "Licences",
    description =
        "Digital licences the hub issues when a model-4 case completes: a signed credential"
            + " (a compact JWS, ES256, with the licence id as `jti`). The holder lists and"
            + " downloads them; anyone may verify one, without a token.")
public class LicencesController {

  private static final String LICENCE = "The licence id.";
  private static final String LICENCE_EXAMPLE = "LIC-DSD-2026-4M8Q2ZK7XA";

  private final Licences licences;
  private final LicenceVerifier verifier;
  private final LicenceHtml html;

  public LicencesController(Licences licences, LicenceVerifier verifier, LicenceHtml html) {
    this.licences = licences;
    this.verifier = verifier;
    this.html = html;
  }

  @GetMapping(path = "/api/v1/licences", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listLicences",
      summary = "The citizen's licences",
      description =
          "Newest first, with the application they came from and their download, print and"
              + " verify URLs; the citizen's own token (the portal's client token is refused).")
  @ApiErrors({ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED})
  List<Map<String, Object>> mine(
      @Parameter(description = "At most this many, 1 to 500.")
          @RequestParam(name = "limit", defaultValue = "50")
          int limit,
      Caller caller) {
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

  @GetMapping(path = "/api/v1/licences/{id}")
  @Operation(
      operationId = "getLicence",
      summary = "Download a licence",
      description =
          "For its holder, an officer of its agency or an operator (anyone else gets"
              + " licence_not_found): JSON with the signed credential, or with `format=html` a"
              + " printable page that links to the verification. Not cached.")
  @ApiResponse(
      responseCode = "200",
      description = "The licence.",
      content = {
        @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")),
        @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string"))
      })
  @ApiErrors({ErrorCode.LICENCE_NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  ResponseEntity<?> one(
      @Parameter(description = LICENCE, example = LICENCE_EXAMPLE) @PathVariable("id") String id,
      @Parameter(
              description = "json, or html for the printable page.",
              schema = @Schema(allowableValues = {"json", "html"}))
          @RequestParam(name = "format", defaultValue = "json")
          String format,
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

  @GetMapping(path = "/api/v1/licences/{id}/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "verifyLicence",
      summary = "Verify a licence",
      description =
          "For anyone, without a token: `{valid, reason, licence}`, the licence's public view"
              + " with the holder's id masked. With `credential` the credential the verifier was"
              + " shown is checked, else the hub's own copy. `reason` is valid, revoked,"
              + " expired, superseded (an older credential of a licence re-issued),"
              + " not_yet_valid, unknown_key, not_a_licence, id_mismatch or invalid_signature;"
              + " an invalid licence is still a 200.")
  @ApiErrors(ErrorCode.LICENCE_NOT_FOUND)
  Map<String, Object> verify(
      @Parameter(description = LICENCE, example = LICENCE_EXAMPLE) @PathVariable("id") String id,
      @Parameter(description = "The credential shown (a compact JWS).")
          @RequestParam(name = "credential", required = false)
          String credential) {
    return answer(verifier.verify(id, credential));
  }

  @PostMapping(
      path = "/api/v1/licences/{id}/verify",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "verifyPresentedLicence",
      summary = "Verify the credential of a licence one was shown",
      description =
          "As verifyLicence, with the credential in the body (credentials are too long for"
              + " some URLs).")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(schema = @Schema(implementation = BackOfficeBodies.PresentedCredential.class)))
  @ApiErrors({ErrorCode.LICENCE_NOT_FOUND, ErrorCode.VALIDATION_FAILED})
  Map<String, Object> verifyPresented(
      @Parameter(description = LICENCE, example = LICENCE_EXAMPLE) @PathVariable("id") String id,
      @RequestBody JsonNode body) {
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
