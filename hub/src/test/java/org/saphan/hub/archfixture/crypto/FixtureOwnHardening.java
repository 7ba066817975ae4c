package org.saphan.hub.archfixture.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.xml.parsers.DocumentBuilderFactory;

/** Fixture: hashes and parses XML its own way, which the one-helper rules must catch. */
public class FixtureOwnHardening {

  public byte[] ownDigest(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  public DocumentBuilderFactory ownParser() {
    return DocumentBuilderFactory.newInstance();
  }
}
