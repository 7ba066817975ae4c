package org.saphan.hub.delivery;

import java.util.Optional;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.hub.error.ErrorCode;

/**
 * The one reading of what an agency answered to a call the hub built — a delivery, a payment
 * notice, a status poll — by HTTP status and SOAP fault. Each card may declare its own classes
 * ({@code api.answers}); what it does not declare gets the defaults:
 *
 * <ul>
 *   <li><b>acknowledgement</b>: a 2xx, a 409 (the agency repeating its first answer to a message it
 *       already has), a SOAP answer without a Fault; read by the card's response mapping (whose
 *       {@code accepted: false} is a business refusal);
 *   <li><b>business refusal</b>: only what the card lists ({@code refusals.httpStatus}, {@code
 *       refusals.faultCodes}): the citizen's application is rejected with the agency's reason;
 *   <li><b>contract fault</b>: any other 3xx/4xx (401/403: the hub's credentials or signature), a
 *       {@code soap:Client}/{@code Sender} (or VersionMismatch, MustUnderstand) fault, and what the
 *       card lists in {@code contractFaults}: a dead letter at once, for the operator;
 *   <li><b>transient</b>: 408, 429, 5xx, a {@code soap:Server}/{@code Receiver} fault, and what the
 *       card lists in {@code transient}: rolled back, the broker redelivers later.
 * </ul>
 *
 * <p>The card's lists are read first (refusals, then contract faults, then transient); a fault's
 * {@code detail} code is matched against {@code faultCodes}, an HTTP status without a fault against
 * {@code httpStatus}. A payment notice's or poll's only acknowledgement is a 2xx without a fault:
 * there is no application to reject, so a refusal or a 409 is a contract fault there.
 */
public final class AgencyAnswers {

  /** What an answer means for the message. */
  public enum AnswerClass {
    ACKNOWLEDGEMENT,
    REFUSAL,
    CONTRACT_FAULT,
    TRANSIENT
  }

  /**
   * A classified answer.
   *
   * @param answerClass its class
   * @param code the failure code ({@code agency_rejected_request}, {@code agency_unavailable}, ...)
   *     or, for a refusal, the agency's own code (a fault's detail code), else null
   * @param reason what the agency said, for the evidence, the dead letter and the log (citizen ids
   *     blanked)
   */
  public record Answer(AnswerClass answerClass, String code, String reason) {

    /** The failure to throw for a contract fault or a transient answer. */
    public DeliveryFailure failure() {
      ErrorCode cause =
          ErrorCode.fromCode(code)
              .orElseThrow(() -> new IllegalStateException(answerClass + " without a cause code"));
      return switch (answerClass) {
        case TRANSIENT -> DeliveryFailure.transientFailure(cause, reason, null);
        case CONTRACT_FAULT -> DeliveryFailure.contractFault(cause, reason);
        default -> throw new IllegalStateException(answerClass + " is not a failure");
      };
    }
  }

  private AgencyAnswers() {}

  /**
   * Classifies an answer.
   *
   * @param what what was sent, for the reason: {@code delivery}, {@code payment notice}, ...
   * @param acknowledgementOnly true for payment notices and polls (a 2xx is the only
   *     acknowledgement)
   */
  public static Answer classify(
      ConnectorCard card, AgencyCall call, String what, boolean acknowledgementOnly) {
    Answer answer = classify(card, call, what);
    if (acknowledgementOnly
        && (answer.answerClass() == AnswerClass.REFUSAL
            || answer.answerClass() == AnswerClass.ACKNOWLEDGEMENT
                && call.httpStatus() / 100 != 2)) {
      return contractFault(ErrorCode.AGENCY_REJECTED_REQUEST, call, what);
    }
    return answer;
  }

  /** The call itself when it is an acknowledgement (payment notices, polls); else the failure. */
  public static AgencyCall requireAcknowledgement(
      ConnectorCard card, AgencyCall call, String what) {
    Answer answer = classify(card, call, what, true);
    if (answer.answerClass() != AnswerClass.ACKNOWLEDGEMENT) {
      throw answer.failure();
    }
    return call;
  }

  private static Answer classify(ConnectorCard card, AgencyCall call, String what) {
    AgencyCall.SoapFault fault = call.fault();
    int status = call.httpStatus();
    Optional<ApiSettings.Answers> declared = card.api().map(ApiSettings::answers);
    Optional<ApiSettings.AnswerCodes> refusals = declared.flatMap(ApiSettings.Answers::refusals);
    Optional<ApiSettings.AnswerCodes> contractFaults =
        declared.flatMap(ApiSettings.Answers::contractFaults);
    Optional<ApiSettings.AnswerCodes> transientFaults =
        declared.flatMap(ApiSettings.Answers::transientFaults);
    if (fault != null && fault.detailCode() != null) {
      String code = fault.detailCode();
      if (listedFault(refusals, code)) {
        return new Answer(AnswerClass.REFUSAL, code, reason(call, what));
      }
      if (listedFault(contractFaults, code)) {
        return contractFault(ErrorCode.AGENCY_REJECTED_REQUEST, call, what);
      }
      if (listedFault(transientFaults, code)) {
        return transientAnswer(call, what);
      }
    }
    if (fault == null) {
      if (listedStatus(refusals, status)) {
        return new Answer(AnswerClass.REFUSAL, null, reason(call, what));
      }
      if (listedStatus(contractFaults, status)) {
        return contractFault(ErrorCode.AGENCY_REJECTED_REQUEST, call, what);
      }
      if (listedStatus(transientFaults, status)) {
        return transientAnswer(call, what);
      }
    }
    if (fault != null) {
      return fault.blamesRequest()
          ? contractFault(ErrorCode.AGENCY_REJECTED_REQUEST, call, what)
          : transientAnswer(call, what);
    }
    if (status / 100 == 2 || status == 409) {
      return new Answer(AnswerClass.ACKNOWLEDGEMENT, null, null);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return transientAnswer(call, what);
    }
    if (status == 401 || status == 403) {
      return new Answer(
          AnswerClass.CONTRACT_FAULT,
          ErrorCode.AGENCY_REFUSED_CREDENTIALS.code(),
          "agency refused the hub's credentials or signature (HTTP "
              + status
              + "); check the card's credentials and the agency's trust in the hub's JWKS");
    }
    return contractFault(ErrorCode.AGENCY_REJECTED_REQUEST, call, what);
  }

  private static Answer transientAnswer(AgencyCall call, String what) {
    return new Answer(
        AnswerClass.TRANSIENT, ErrorCode.AGENCY_UNAVAILABLE.code(), reason(call, what));
  }

  private static Answer contractFault(ErrorCode code, AgencyCall call, String what) {
    return new Answer(
        AnswerClass.CONTRACT_FAULT,
        code.code(),
        reason(call, what) + " (an integration fault, not the citizen's rejection)");
  }

  /** What the agency said: the fault's codes and string, or the status and the body's start. */
  static String reason(AgencyCall call, String what) {
    AgencyCall.SoapFault fault = call.fault();
    if (fault != null) {
      return "agency answered the hub's "
          + what
          + " with SOAP fault "
          + fault.code()
          + (fault.detailCode() == null ? "" : " (" + fault.detailCode() + ")")
          + ": "
          + abbreviate(fault.reason());
    }
    String body = abbreviate(call.body());
    return "agency answered the hub's "
        + what
        + " with HTTP "
        + call.httpStatus()
        + (body.isEmpty() ? "" : ": " + body);
  }

  private static boolean listedFault(Optional<ApiSettings.AnswerCodes> codes, String faultCode) {
    return codes.map(c -> c.faultCodes().contains(faultCode)).orElse(false);
  }

  private static boolean listedStatus(Optional<ApiSettings.AnswerCodes> codes, int httpStatus) {
    return codes.map(c -> c.httpStatus().contains(httpStatus)).orElse(false);
  }

  /** An agency's text, flattened and cut, with anything like a citizen id (13 digits) blanked. */
  static String abbreviate(String text) {
    String flat =
        text == null ? "" : text.replaceAll("\\s+", " ").replaceAll("\\d[\\d -]{11,}\\d", "…");
    return flat.length() > 80 ? flat.substring(0, 80) + "…" : flat;
  }
}
