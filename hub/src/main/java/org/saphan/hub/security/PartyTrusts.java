package org.saphan.hub.security;

import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.settings.ApiSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.egress.EgressClient;
import org.saphan.hub.security.egress.JwksRetriever;

/**
 * The trust a connector card declares in its agency ({@code api.trust}): a pinned certificate, a
 * CA, or a JWKS URL. PEM files are read from the key directory's {@code public/} folder.
 */
public class PartyTrusts {

  private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(5);

  private final Path publicDir;
  private final EgressClient egress;
  private final Map<String, Optional<Trust>> trusts = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> pinnedKids = new ConcurrentHashMap<>();

  /**
   * @param egress fetches agencies' JWKS URLs
   */
  public PartyTrusts(Path keysDir, EgressClient egress) {
    this.publicDir = keysDir.resolve("public");
    this.egress = egress;
  }

  /** The card's trust, if it declares one. */
  public Optional<Trust> of(ConnectorCard card) {
    return trusts.computeIfAbsent(card.name(), n -> load(card));
  }

  /** The kid of the card's pinned certificate, if it pins one (to tell agencies apart). */
  public Optional<String> pinnedKid(ConnectorCard card) {
    return pinnedKids.computeIfAbsent(
        card.name(),
        n -> {
          return trustOf(card)
              .flatMap(ApiSettings.Trust::certificate)
              .map(file -> KeyIds.kid(read(file).get(0)));
        });
  }

  private static Optional<ApiSettings.Trust> trustOf(ConnectorCard card) {
    return card.api().flatMap(ApiSettings::trust);
  }

  /** The trust the card declares for its check answers ({@code checks.trust}), if it has checks. */
  public Optional<Trust> ofChecks(ConnectorCard card) {
    return trusts.computeIfAbsent(
        "checks:" + card.name(),
        n -> load(card, card.checks().map(org.saphan.catalog.settings.CheckSettings::trust)));
  }

  private Optional<Trust> load(ConnectorCard card) {
    return load(card, trustOf(card));
  }

  private Optional<Trust> load(ConnectorCard card, Optional<ApiSettings.Trust> declared) {
    if (declared.isEmpty()) {
      return Optional.empty();
    }
    ApiSettings.Trust trust = declared.get();
    if (trust.certificate().isPresent()) {
      return Optional.of(Trust.pinned(read(trust.certificate().get()).get(0)));
    }
    if (trust.ca().isPresent()) {
      return Optional.of(Trust.authorities(read(trust.ca().get()).toArray(X509Certificate[]::new)));
    }
    if (trust.jwksUrl().isPresent()) {
      try {
        return Optional.of(
            Trust.jwksUrl(
                trust.jwksUrl().get().toURL(),
                Duration.ofMinutes(15),
                JWKS_TIMEOUT,
                new JwksRetriever(egress, card.name(), JWKS_TIMEOUT)));
      } catch (MalformedURLException e) {
        throw SaphanException.validation(
            ErrorCode.CATALOG_INVALID, card.name() + ": api.trust.jwksUrl is not a URL");
      }
    }
    return Optional.empty();
  }

  private java.util.List<X509Certificate> read(String file) {
    Path path = publicDir.resolve(file).normalize();
    if (!path.startsWith(publicDir) || !Files.isRegularFile(path)) {
      throw SaphanException.system(
          ErrorCode.KEY_NOT_AVAILABLE,
          "trusted certificate "
              + file
              + " is not in "
              + publicDir
              + "; put the agency's PEM there (./saphan keys init does for the sandbox)",
          null);
    }
    return Pki.readCertificates(path);
  }
}
