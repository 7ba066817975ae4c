package org.saphan.hub.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an inbound signature must chain to, as a connector card states it: pinned certificate(s), CA
 * certificate(s), or a JWK set (usually a JWKS URL).
 */
public sealed interface Trust permits Trust.Pinned, Trust.Authorities, Trust.Jwks {

  /**
   * Exactly these certificates, by kid. A JWS names its key by {@code kid}; XML-DSig and CMS carry
   * the certificate, which must equal one of these.
   *
   * @param certificatesByKid pinned certificates, keyed by the kid the party uses
   */
  record Pinned(Map<String, X509Certificate> certificatesByKid) implements Trust {
    public Pinned {
      if (certificatesByKid == null || certificatesByKid.isEmpty()) {
        throw new IllegalArgumentException("at least one pinned certificate is required");
      }
      certificatesByKid = Map.copyOf(certificatesByKid);
    }
  }

  /**
   * Any certificate chaining (PKIX, at the verifier's clock) to one of these CA certificates. A JWS
   * must then carry its chain in {@code x5c}.
   *
   * @param anchors the trusted CA certificates
   */
  record Authorities(List<X509Certificate> anchors) implements Trust {
    public Authorities {
      if (anchors == null || anchors.isEmpty()) {
        throw new IllegalArgumentException("at least one CA certificate is required");
      }
      anchors = List.copyOf(anchors);
    }
  }

  /**
   * Public keys from a JWK set, selected by {@code kid}.
   *
   * @param source the JWK source (static set, or a cached URL that refreshes on unknown kid)
   */
  record Jwks(JWKSource<SecurityContext> source) implements Trust {
    public Jwks {
      Objects.requireNonNull(source, "source");
    }
  }

  /** Pins certificates under the hub's kid scheme ({@link KeyIds}). */
  static Trust pinned(X509Certificate... certificates) {
    return pinned(Arrays.asList(certificates));
  }

  /** Pins certificates under the hub's kid scheme ({@link KeyIds}). */
  static Trust pinned(List<X509Certificate> certificates) {
    Map<String, X509Certificate> byKid = new LinkedHashMap<>();
    certificates.forEach(c -> byKid.put(KeyIds.kid(c), c));
    return new Pinned(byKid);
  }

  /** Pins certificates under the kids the party itself uses. */
  static Trust pinned(Map<String, X509Certificate> certificatesByKid) {
    return new Pinned(certificatesByKid);
  }

  /** Trusts every certificate issued under these CA certificates. */
  static Trust authorities(X509Certificate... anchors) {
    return new Authorities(Arrays.asList(anchors));
  }

  /** Trusts the keys of a fixed JWK set. */
  static Trust jwks(JWKSet set) {
    return new Jwks(new ImmutableJWKSet<>(set));
  }

  /**
   * Trusts the keys published at a JWKS URL: cached for {@code cacheTtl}, refreshed (rate limited)
   * when an unknown kid arrives, so a party's rotation is picked up without a restart.
   *
   * @param retriever how the set is fetched: the hub's egress client ({@code JwksRetriever})
   */
  static Trust jwksUrl(
      URL url, Duration cacheTtl, Duration httpTimeout, ResourceRetriever retriever) {
    int timeout = Math.toIntExact(httpTimeout.toMillis());
    JWKSource<SecurityContext> source =
        JWKSourceBuilder.<SecurityContext>create(url, retriever)
            .cache(cacheTtl.toMillis(), Math.max(timeout, 1000L))
            .rateLimited(true)
            .retrying(false)
            .build();
    return new Jwks(source);
  }
}
