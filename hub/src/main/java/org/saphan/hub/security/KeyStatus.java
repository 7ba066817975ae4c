package org.saphan.hub.security;

/** Where a key is in its life: signing, rotated out but still verifying, or retired. */
public enum KeyStatus {
  /** The current signing key of its family; also verifies. */
  ACTIVE,
  /** Rotated out: no longer signs, still verifies and is still published in the JWKS. */
  VERIFY_ONLY,
  /** Retired: neither signs nor verifies; only its public certificate is kept for the record. */
  RETIRED;

  /** True when signatures made with the key are still accepted. */
  public boolean verifies() {
    return this != RETIRED;
  }
}
