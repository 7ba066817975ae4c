package org.saphan.hub.delivery;

/**
 * What an agency answered to one call, before it is classified ({@link AgencyAnswers}).
 *
 * @param httpStatus the HTTP status
 * @param contentType the response's content type
 * @param body the response body (JSON text, or the SOAP Body's payload element as XML)
 * @param millis how long the call took
 * @param fault the SOAP Fault the answer carries, or null
 * @param bodySha256 SHA-256 of the exact bytes of the HTTP answer (for SOAP the whole envelope), or
 *     null when not read from a wire
 * @param wire the exact bytes of the HTTP answer (for the message log's body mode), or null
 */
public record AgencyCall(
    int httpStatus,
    String contentType,
    String body,
    long millis,
    SoapFault fault,
    String bodySha256,
    byte[] wire) {

  /** An answer read from a wire, its bytes not kept. */
  public AgencyCall(
      int httpStatus,
      String contentType,
      String body,
      long millis,
      SoapFault fault,
      String bodySha256) {
    this(httpStatus, contentType, body, millis, fault, bodySha256, null);
  }

  /** An answer read from a wire: its SHA-256 and its exact bytes. */
  static AgencyCall read(
      int httpStatus, String contentType, String body, long millis, SoapFault fault, byte[] wire) {
    return new AgencyCall(
        httpStatus,
        contentType,
        body,
        millis,
        fault,
        org.saphan.catalog.common.Digests.sha256(wire),
        wire);
  }

  /** An answer without a SOAP Fault. */
  public AgencyCall(int httpStatus, String contentType, String body, long millis) {
    this(httpStatus, contentType, body, millis, null, null);
  }

  /** An answer not read from a wire. */
  public AgencyCall(int httpStatus, String contentType, String body, long millis, SoapFault fault) {
    this(httpStatus, contentType, body, millis, fault, null);
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
