package org.saphan.hub.delivery;

/**
 * What an agency answered to one call, before it is classified ({@link AgencyAnswers}).
 *
 * @param httpStatus the HTTP status
 * @param contentType the response's content type
 * @param body the response body (JSON text, or the SOAP Body's payload element as XML)
 * @param millis how long the call took
 * @param fault the SOAP Fault the answer carries, or null
 */
public record AgencyCall(
    int httpStatus, String contentType, String body, long millis, SoapFault fault) {

  /** An answer without a SOAP Fault. */
  public AgencyCall(int httpStatus, String contentType, String body, long millis) {
    this(httpStatus, contentType, body, millis, null);
  }

  /**
   * A SOAP 1.1 Fault as the agency sent it.
   *
   * @param code the {@code faultcode}'s local name ({@code Client}, {@code Server}, ...)
   * @param reason the {@code faultstring}
   * @param detailCode the agency's own code in the {@code detail} (its first {@code code} element,
   *     e.g. {@code SIGNATURE_INVALID}), or null
   */
  public record SoapFault(String code, String reason, String detailCode) {

    /**
     * Whether the fault blames the request ({@code Client}/{@code Sender} and the SOAP-level
     * codes).
     */
    public boolean blamesRequest() {
      return code.equalsIgnoreCase("Client")
          || code.equalsIgnoreCase("Sender")
          || code.equalsIgnoreCase("VersionMismatch")
          || code.equalsIgnoreCase("MustUnderstand");
    }
  }
}
