package org.saphan.hub.payment;

import java.math.BigDecimal;
import java.security.cert.X509Certificate;

/**
 * What a verified ETDA e-Tax receipt says, after its XAdES-BES signature and certificate chain were
 * verified: nothing here is read from an unverified document.
 *
 * @param documentId {@code ExchangedDocument/ID}
 * @param issuedAt {@code ExchangedDocument/IssueDateTime} as written
 * @param orderReference {@code BuyerOrderReferencedDocument/IssuerAssignedID}: the order's ref1
 * @param transactionId the gateway transaction named in the receipt's note, or null
 * @param grandTotal {@code GrandTotalAmount}
 * @param sellerName the issuer's name
 * @param sellerTaxId the issuer's TXID (tax id + branch)
 * @param buyerName the payer's name (personal data)
 * @param signer the signer's certificate (null when read back from storage)
 */
public record VerifiedReceipt(
    String documentId,
    String issuedAt,
    String orderReference,
    String transactionId,
    BigDecimal grandTotal,
    String sellerName,
    String sellerTaxId,
    String buyerName,
    X509Certificate signer) {

  /** The signer certificate's subject DN. */
  public String signerSubject() {
    return signer == null ? null : signer.getSubjectX500Principal().getName();
  }

  /** Leaves the payer's name out. */
  @Override
  public String toString() {
    return "VerifiedReceipt[" + documentId + ", total=" + grandTotal + "]";
  }
}
