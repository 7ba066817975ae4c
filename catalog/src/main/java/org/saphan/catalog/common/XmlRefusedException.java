package org.saphan.catalog.common;

/**
 * {@link SecureXml} refused a document: a forbidden construct (a DOCTYPE, hence any entity
 * declaration) or XML that is not well-formed. The message never echoes document content.
 */
public final class XmlRefusedException extends RuntimeException {

  private final boolean forbiddenConstruct;

  XmlRefusedException(boolean forbiddenConstruct, String message, Throwable cause) {
    super(message, cause);
    this.forbiddenConstruct = forbiddenConstruct;
  }

  /** Whether a DOCTYPE (hence any entity declaration) is the cause, rather than malformed XML. */
  public boolean forbiddenConstruct() {
    return forbiddenConstruct;
  }

  /**
   * A one-line reason for offline checks (golden examples): {@link SecureXml#DOCTYPE_REASON}, or
   * the parser's own words on what is not well-formed.
   */
  public String reason() {
    return forbiddenConstruct ? SecureXml.DOCTYPE_REASON : SecureXml.reason(getCause());
  }
}
