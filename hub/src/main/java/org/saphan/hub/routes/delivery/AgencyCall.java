package org.saphan.hub.routes.delivery;

/**
 * What an agency answered to one delivery.
 *
 * @param httpStatus the HTTP status
 * @param contentType the response's content type
 * @param body the response body (JSON text, or the SOAP payload element as XML)
 * @param millis how long the call took
 */
public record AgencyCall(int httpStatus, String contentType, String body, long millis) {}
