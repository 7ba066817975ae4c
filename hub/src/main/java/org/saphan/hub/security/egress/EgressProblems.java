package org.saphan.hub.security.egress;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;

/**
 * The exceptions of outbound calls, with the problem properties callers and operators rely on:
 * {@code url}, {@code reason}, and where relevant {@code location} and {@code httpStatus}.
 */
public final class EgressProblems {

  /** Problem property: the URL the caller asked for. */
  public static final String URL = "url";

  /** Problem property: the redirect target that was refused (never fetched). */
  public static final String LOCATION = "location";

  /** Problem property: a {@link RefusalReason} code, or a bad-response reason below. */
  public static final String REASON = "reason";

  /** Problem property: the upstream's HTTP status. */
  public static final String HTTP_STATUS = "httpStatus";

  /** Bad-response reason: the body is larger than {@code saphan.egress.max-response-bytes}. */
  public static final String RESPONSE_TOO_LARGE = "response_too_large";

  /** Bad-response reason: the status is not one the caller can use (404, 410, ...). */
  public static final String UNEXPECTED_STATUS = "unexpected_status";

  /** Bad-response reason: the content type is not the one asked for. */
  public static final String WRONG_CONTENT_TYPE = "wrong_content_type";

  /** Bad-response reason: the body is not well-formed JSON. */
  public static final String MALFORMED_JSON = "malformed_json";

  private EgressProblems() {}

  static SaphanException refused(URI url, Refused refused) {
    return refused(url, refused.reason(), refused.getMessage());
  }

  static SaphanException refused(URI url, RefusalReason reason, String why) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(URL, shown(url));
    properties.put(REASON, reason.code());
    return SaphanException.business(
        ErrorCode.EGRESS_REFUSED, "Request to " + shown(url) + " refused: " + why, properties);
  }

  /**
   * A URL as problems and logs show it: without its query, which may hold credentials or personal
   * data (GDX puts both there).
   */
  static String shown(URI url) {
    String text = url.toString();
    int query = text.indexOf('?');
    int fragment = text.indexOf('#');
    int cut = query >= 0 ? query : fragment;
    return cut >= 0 ? text.substring(0, cut) : text;
  }

  static SaphanException refusedRedirect(
      URI url, String location, RefusalReason reason, String why) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(URL, shown(url));
    properties.put(LOCATION, location);
    properties.put(REASON, reason.code());
    return SaphanException.business(
        ErrorCode.EGRESS_REFUSED,
        "Redirect from " + shown(url) + " to " + location + " refused: " + why,
        properties);
  }

  /** The start of the reason of an {@link #unavailable} that ran out of its time budget. */
  static final String NO_ANSWER = "no answer within ";

  static final String TIMED_OUT = "timed out (";

  /**
   * Whether a problem of the egress client is a call that ran out of its time budget (no answer in
   * time), rather than a refused connection or an error answer.
   */
  public static boolean isTimeout(SaphanException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return e.code() == ErrorCode.UPSTREAM_UNAVAILABLE
        && (message.contains(" is unavailable: " + NO_ANSWER)
            || message.contains(" is unavailable: " + TIMED_OUT));
  }

  static SaphanException unavailable(URI url, String why, Throwable cause) {
    return SaphanException.system(
        ErrorCode.UPSTREAM_UNAVAILABLE, shown(url) + " is unavailable: " + why, cause);
  }

  static SaphanException unavailable(URI url, int httpStatus) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(URL, shown(url));
    properties.put(HTTP_STATUS, httpStatus);
    return SaphanException.business(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        shown(url) + " is unavailable: HTTP " + httpStatus,
        properties);
  }

  static SaphanException badResponse(URI url, String reason, int httpStatus, String why) {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(URL, shown(url));
    properties.put(REASON, reason);
    properties.put(HTTP_STATUS, httpStatus);
    return SaphanException.business(
        ErrorCode.UPSTREAM_BAD_RESPONSE, shown(url) + " answered unusably: " + why, properties);
  }
}
