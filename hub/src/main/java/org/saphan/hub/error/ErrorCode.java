package org.saphan.hub.error;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every refusal the hub can give, as a stable snake_case code with its HTTP status and title.
 *
 * <p>Codes are part of the public contract (problem+json {@code code}, SOAP fault codes,
 * dead-letter causes): never rename one, only add. Each is explained in the error catalog ({@code
 * errors/catalog.yaml}, {@link ErrorCatalog}), served at {@code /errors/<code>} and published as
 * {@code docs/errors.md}: a new code gets its entry there, in the same place of the same group.
 */
public enum ErrorCode {

  // --- request shape (api layer) ---
  MALFORMED_JSON(400, "Malformed JSON"),
  VALIDATION_FAILED(400, "Request validation failed"),
  MISSING_HEADER(400, "Missing required header"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  NOT_ACCEPTABLE(406, "Not acceptable"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  NOT_FOUND(404, "Not found"),
  // --- issue 12: edge ---
  MALFORMED_PATH(400, "Malformed request path"),
  MALFORMED_REQUEST(400, "Malformed HTTP request"),
  HEADERS_TOO_LARGE(431, "Request headers too large"),
  RATE_LIMITED(429, "Too many requests"),

  // --- catalog ---
  CATALOG_INVALID(422, "Connector catalog invalid"),
  CONNECTOR_NOT_FOUND(404, "Connector not found"),
  SERVICE_NOT_FOUND(404, "Service not found"),
  MODEL_NOT_OFFERED(409, "Not offered by this service's integration model"),

  // --- security: keys, signatures, replay ---
  SIGNATURE_INVALID(401, "Signature invalid"),
  SIGNATURE_MISSING(401, "Signature missing"),
  ALGORITHM_NOT_ALLOWED(401, "Signature algorithm not allowed"),
  UNKNOWN_KEY(401, "Unknown signing key"),
  CERTIFICATE_EXPIRED(401, "Certificate expired"),
  CERTIFICATE_NOT_YET_VALID(401, "Certificate not yet valid"),
  CERTIFICATE_UNTRUSTED(401, "Certificate not trusted"),
  REPLAY_DETECTED(409, "Replayed message"),
  CLOCK_SKEW(401, "Timestamp outside the allowed clock skew"),
  XML_FORBIDDEN_CONSTRUCT(400, "Forbidden XML construct"),
  XML_MALFORMED(400, "Malformed XML"),
  SIGNATURE_WRAPPING(401, "Signed element is not the processed element"),
  CMS_MALFORMED(400, "Malformed CMS signature"),
  KEY_NOT_AVAILABLE(503, "Signing key not available"),
  JWS_MALFORMED(400, "Malformed JWS"),
  // --- issue 12: keys ---
  SIGNING_CERTIFICATE_ENDED(503, "Signing certificate has ended"),
  KEY_IN_USE(409, "Key still wraps encrypted data"),

  // --- identity: tokens and assertions ---
  TOKEN_MISSING(401, "Access token missing"),
  TOKEN_INVALID(401, "Access token invalid"),
  TOKEN_EXPIRED(401, "Token expired"),
  TOKEN_NOT_YET_VALID(401, "Token not yet valid"),
  WRONG_ISSUER(401, "Token from an untrusted issuer"),
  WRONG_AUDIENCE(401, "Token not meant for this audience"),
  CITIZEN_ID_MISSING(401, "Citizen id missing"),
  CITIZEN_ID_INVALID(401, "Citizen id invalid"),
  INSUFFICIENT_ASSURANCE(401, "Identity assurance level too low"),
  FORBIDDEN(403, "Forbidden"),

  // --- applications (models 3 and 4) ---
  APPLICATION_NOT_FOUND(404, "Application not found"),
  IDEMPOTENCY_KEY_REUSED(422, "Idempotency-Key reused for a different request"),
  IDEMPOTENCY_IN_FLIGHT(409, "Request with this Idempotency-Key still in progress"),
  FORM_INVALID(400, "Application form invalid"),
  STATUS_UNKNOWN(422, "Agency status code not in the card's table"),
  REPLAY_NOT_OPEN(409, "Dead letter is not open"),
  // --- issue 12: forms ---
  // The application maps to a request the agency's declared request schema refuses (a DOPA partial
  // birth date, a bad id): refused at submission, naming the field, instead of being delivered.
  AGENCY_REQUEST_INVALID(422, "The agency would refuse this application's request"),
  // --- issue 12: status ---
  STATUS_TRANSITION_REFUSED(409, "Status may not follow the application's current status"),

  // --- e-Payment: Thai QR bill payment and bank settlement files ---
  BILLER_ID_INVALID(400, "Biller id invalid"),
  PAYMENT_REFERENCE_INVALID(400, "Payment reference invalid"),
  PAYMENT_AMOUNT_INVALID(400, "Payment amount invalid"),
  QR_PAYLOAD_INVALID(400, "Thai QR payload invalid"),
  BATCH_LAYOUT_INVALID(500, "Batch file layout invalid"),
  BATCH_FILE_UNREADABLE(500, "Batch file unreadable"),
  // --- issue 18: batch agencies' export files ---
  BATCH_EXPORT_FAILED(500, "Export file could not be written"),
  BATCH_EXPORT_STORED_CHANGED(500, "A stored export file no longer has its recorded SHA-256"),
  BATCH_EXPORT_UPLOAD_FAILED(502, "Export file could not be uploaded to the agency"),
  // --- issue 18: batch agencies' result files ---
  BATCH_IMPORT_FAILED(502, "Result files could not be fetched from the agency"),
  BATCH_IMPORT_REFUSED(422, "Result file refused whole"),
  BATCH_IMPORT_DUPLICATE(409, "Result file is a duplicate"),
  BATCH_RESULT_LINE_INVALID(422, "Result line not applied"),
  // payment orders
  PAYMENT_NOT_FOUND(404, "Payment not found"),
  PAYMENT_NOT_REQUIRED(409, "No fee is due for this application"),
  PAYMENT_ALREADY_PAID(409, "The application's fee is already paid"),
  // gateway notifications (4xx: the gateway stops retrying; the mismatch goes to operators)
  PAYMENT_NOTIFICATION_INVALID(400, "Payment notification invalid"),
  PAYMENT_REFERENCE_UNKNOWN(422, "Notified reference matches no payment order"),
  PAYMENT_REFERENCE_MISMATCH(422, "Notified references disagree with the payment order"),
  PAYMENT_AMOUNT_MISMATCH(422, "Notified amount differs from the payment order"),
  PAYMENT_EXCEPTION_NOT_FOUND(404, "Payment exception not found"),
  // e-Receipts (the 502s are reasons a receipt was refused, stored with it)
  RECEIPT_NOT_AVAILABLE(404, "e-Receipt not available yet"),
  RECEIPT_REFUSED(409, "e-Receipt refused: it did not verify"),
  RECEIPT_MALFORMED(502, "e-Receipt is not an ETDA e-Tax receipt"),
  RECEIPT_AMOUNT_MISMATCH(502, "e-Receipt total differs from the payment order"),
  RECEIPT_REFERENCE_MISMATCH(502, "e-Receipt reference differs from the payment order"),
  // nightly reconciliation
  RECONCILIATION_ALREADY_DONE(409, "Settlement file already reconciled"),
  RECONCILIATION_BUSY(409, "A reconciliation is running"),
  RECONCILIATION_RUN_NOT_FOUND(404, "Reconciliation run not found"),
  RECONCILIATION_EXCEPTION_NOT_FOUND(404, "Reconciliation exception not found"),
  EXCEPTION_ALREADY_RESOLVED(409, "Exception already resolved"),
  SETTLEMENT_FILE_NOT_FOUND(404, "Settlement file not found"),
  RECONCILIATION_FAILED(500, "Reconciliation job failed"),

  // --- consent (PDPA) ---
  CONSENT_REQUIRED(403, "Consent required"),
  CONSENT_NOT_FOUND(404, "Consent not found"),
  CONSENT_ALREADY_WITHDRAWN(409, "Consent already withdrawn"),
  AGREEMENT_NOT_FOUND(404, "Consent agreement not found"),

  // --- upstream parties: agencies, shared components, info sources ---
  EGRESS_REFUSED(502, "Outbound request refused by the egress policy"),
  UPSTREAM_UNAVAILABLE(503, "Upstream party unavailable"),
  UPSTREAM_BAD_RESPONSE(502, "Upstream party sent an unusable response"),
  TIMESTAMP_REFUSED(502, "Time-stamping authority's answer refused"),
  SFTP_HOST_KEY_MISMATCH(502, "SFTP server's host key is not the pinned one"),
  SFTP_FILE_CONFLICT(502, "A different file already exists on the SFTP server"),
  // GDX / DOPA Linkage: statuses are what the portal can act on. 503 = try again later (GDX down
  // or the officer's GovAMI session missing: nothing the citizen can fix); 404 = no register record
  // for a well-formed id; 422 = the citizen's card data fail the check (the citizen can act); 502 =
  // GDX refused or garbled a correct call (an operator must look; retrying will not help).
  GDX_UNAVAILABLE(503, "GDX unavailable"),
  GDX_OFFICER_NOT_CONFIRMED(503, "GDX officer has not confirmed DOPA access in GovAMI"),
  GDX_NOT_FOUND(404, "No DOPA record found"),
  GDX_REFUSED(502, "GDX refused the call"),
  GDX_BAD_RESPONSE(502, "GDX answer unreadable"),
  GDX_CARD_VOIDED(422, "ID card void after an address change"),
  GDX_CARD_MISMATCH(422, "Laser code not found or card data do not match"),

  // --- back office (model 4): cases, tasks, role assignments, licences ---
  // An officer of another agency gets the same 404 as for an id that does not exist: ids are not
  // probed across agencies.
  TASK_NOT_FOUND(404, "Task not found"),
  CASE_NOT_FOUND(404, "Case not found"),
  AGENCY_ROLE_REQUIRED(403, "Agency role required"),
  STEP_ROLE_REQUIRED(403, "The caller's roles do not own this step"),
  TASK_ALREADY_CLAIMED(409, "Task already claimed"),
  TASK_NOT_CLAIMED(409, "Task not claimed by the caller"),
  TASK_NOT_ACTIONABLE(409, "Task not in a state that allows this action"),
  STALE_UPDATE(409, "Stale update"),
  OUTCOME_NOT_ALLOWED(422, "Outcome not allowed at this step"),
  CASE_CLOSED(409, "Case closed"),
  NO_CORRECTION_REQUESTED(409, "No correction requested"),
  ROLE_NOT_ASSIGNABLE(422, "Role not assignable for this agency"),
  LICENCE_NOT_FOUND(404, "Licence not found"),

  // --- delivery causes: why a message to an agency was retried or dead-lettered (the cause code of
  // a dead letter and of saphan_deliveries_total). Never a problem the hub answers: the status only
  // says which side failed (502 the agency's answer, 503 the agency's absence, 500 the hub's card
  // or
  // mapping). A delivery may also fail with egress_refused, upstream_bad_response or
  // payment_not_found. ---
  AGENCY_UNAVAILABLE(503, "Agency unavailable"),
  AGENCY_TIMEOUT(504, "Agency did not answer in time"),
  AGENCY_ANSWER_INVALID(502, "Agency answer invalid"),
  AGENCY_REJECTED_REQUEST(502, "Agency refused the request the hub built"),
  AGENCY_REFUSED_CREDENTIALS(502, "Agency refused the hub's credentials or signature"),
  MALFORMED_RESPONSE(502, "Agency answer unreadable"),
  MAPPING_MISSING(500, "Mapping missing from the card"),
  MAPPING_FAILED(500, "Mapping failed"),
  CARD_INVALID(500, "Connector card unusable for this delivery"),
  PAYMENT_BEFORE_ACKNOWLEDGEMENT(409, "Payment notice before the agency acknowledged"),

  // --- message log (evidence): archives and citizens' bundles ---
  EVIDENCE_NOT_SEALED(409, "Evidence not timestamped yet"),
  EVIDENCE_ARCHIVE_CONFLICT(500, "Evidence archive conflict"),
  EVIDENCE_CHAIN_BROKEN(500, "Evidence chain broken"),
  EVIDENCE_BODY_ERASED(410, "Evidence body erased"),
  EVIDENCE_UNSTAMPED(503, "The message log cannot be timestamped now"),

  // --- system ---
  SERVICE_UNAVAILABLE(503, "Service unavailable"),
  INTERNAL_ERROR(500, "Internal error");

  private final int httpStatus;
  private final String title;

  ErrorCode(int httpStatus, String title) {
    this.httpStatus = httpStatus;
    this.title = title;
  }

  /** The stable snake_case code, as it appears on the wire. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The code whose wire form is {@code code}, if any. */
  public static Optional<ErrorCode> fromCode(String code) {
    return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
  }

  /** The HTTP status the api layer answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A short human title, the same for every occurrence of the code. */
  public String title() {
    return title;
  }
}
