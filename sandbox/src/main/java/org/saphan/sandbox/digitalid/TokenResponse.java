package org.saphan.sandbox.digitalid;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of the sandbox token endpoint, shaped like an OAuth 2.0 token response.
 *
 * @param accessToken the access token (JWT)
 * @param idToken the ID token (JWT) for the portal client
 * @param tokenType always {@code Bearer}
 * @param expiresIn lifetime in seconds as asked; negative for an already expired token
 */
public record TokenResponse(
    @JsonProperty("access_token") String accessToken,
    @JsonProperty("id_token") String idToken,
    @JsonProperty("token_type") String tokenType,
    @JsonProperty("expires_in") long expiresIn) {}
