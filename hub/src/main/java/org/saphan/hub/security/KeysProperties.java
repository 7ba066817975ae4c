package org.saphan.hub.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the hub's signing keys live and how signatures are checked ({@code saphan.keys.*}). */
@Validated
@ConfigurationProperties(prefix = "saphan.keys")
public class KeysProperties {

  /** Kind of key store: a {@code ./saphan keys} directory, a PKCS#12 file, or a PKCS#11 token. */
  public enum Store {
    DIRECTORY,
    PKCS12,
    PKCS11
  }

  /** Which key store the hub signs with (default: the key directory under saphan.home). */
  @NotNull private Store store = Store.DIRECTORY;

  /** The key directory ({@code ./saphan keys}); default {@code <saphan.home>/keys}. */
  private Path dir;

  /** Name of the environment variable (or property) holding the keystore password or PIN. */
  @NotBlank private String passwordVariable = "SAPHAN_KEYSTORE_PASSWORD";

  /** PKCS#12 file, for store PKCS12. */
  private Path pkcs12File;

  /** SunPKCS11 provider configuration file, for store PKCS11. */
  private Path pkcs11Config;

  /** Alias of the active EC P-256 key in a PKCS#12 file or PKCS#11 token. */
  private String ecAlias = "hub-ec";

  /** Alias of the active RSA-3072 key in a PKCS#12 file or PKCS#11 token. */
  private String rsaAlias = "hub-rsa";

  /** Validity of keys made by rotation (days). */
  @Min(1)
  private int keyValidityDays = 825;

  /** A certificate this close to its end turns the keys health component to WARNING (days). */
  @Min(1)
  private int expiryWarningDays = 30;

  /**
   * Rotate a family's active key automatically once its certificate has less than this left. It
   * must exceed the longest credential the hub signs without re-signing it (SSO assertions:
   * minutes; licences are re-signed with the new key after a rotation) plus the time agencies cache
   * the JWKS, and stay below the key validity.
   */
  @NotNull private Duration rotateBefore = Duration.ofDays(90);

  /** How often the active keys are checked against {@code rotate-before}. */
  @NotNull private Duration rotationCheckInterval = Duration.ofHours(1);

  /** How often the key directory is checked for keys rotated by {@code ./saphan keys}. */
  @NotNull private Duration reloadInterval = Duration.ofSeconds(30);

  /** How long the published JWKS is cached by clients ({@code Cache-Control: max-age}). */
  @NotNull private Duration jwksMaxAge = Duration.ofSeconds(60);

  /** {@code iss} of everything the hub signs (assertions, callbacks, licences); its public URL. */
  private String issuer;

  public Store getStore() {
    return store;
  }

  public void setStore(Store store) {
    this.store = store;
  }

  public Path getDir() {
    return dir;
  }

  public void setDir(Path dir) {
    this.dir = dir;
  }

  public String getPasswordVariable() {
    return passwordVariable;
  }

  public void setPasswordVariable(String passwordVariable) {
    this.passwordVariable = passwordVariable;
  }

  public Path getPkcs12File() {
    return pkcs12File;
  }

  public void setPkcs12File(Path pkcs12File) {
    this.pkcs12File = pkcs12File;
  }

  public Path getPkcs11Config() {
    return pkcs11Config;
  }

  public void setPkcs11Config(Path pkcs11Config) {
    this.pkcs11Config = pkcs11Config;
  }

  public String getEcAlias() {
    return ecAlias;
  }

  public void setEcAlias(String ecAlias) {
    this.ecAlias = ecAlias;
  }

  public String getRsaAlias() {
    return rsaAlias;
  }

  public void setRsaAlias(String rsaAlias) {
    this.rsaAlias = rsaAlias;
  }

  public int getKeyValidityDays() {
    return keyValidityDays;
  }

  public void setKeyValidityDays(int keyValidityDays) {
    this.keyValidityDays = keyValidityDays;
  }

  public int getExpiryWarningDays() {
    return expiryWarningDays;
  }

  public void setExpiryWarningDays(int expiryWarningDays) {
    this.expiryWarningDays = expiryWarningDays;
  }

  /** A rotated key must not be due for rotation again at once. */
  @AssertTrue(message = "rotate-before must be positive and shorter than key-validity-days")
  public boolean isRotateBeforeWithinKeyValidity() {
    return rotateBefore != null
        && !rotateBefore.isNegative()
        && !rotateBefore.isZero()
        && rotateBefore.compareTo(Duration.ofDays(keyValidityDays)) < 0;
  }

  public Duration getRotateBefore() {
    return rotateBefore;
  }

  public void setRotateBefore(Duration rotateBefore) {
    this.rotateBefore = rotateBefore;
  }

  public Duration getRotationCheckInterval() {
    return rotationCheckInterval;
  }

  public void setRotationCheckInterval(Duration rotationCheckInterval) {
    this.rotationCheckInterval = rotationCheckInterval;
  }

  public Duration getReloadInterval() {
    return reloadInterval;
  }

  public void setReloadInterval(Duration reloadInterval) {
    this.reloadInterval = reloadInterval;
  }

  public Duration getJwksMaxAge() {
    return jwksMaxAge;
  }

  public void setJwksMaxAge(Duration jwksMaxAge) {
    this.jwksMaxAge = jwksMaxAge;
  }

  public String getIssuer() {
    return issuer;
  }

  public void setIssuer(String issuer) {
    this.issuer = issuer;
  }
}
