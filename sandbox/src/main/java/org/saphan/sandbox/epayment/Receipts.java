package org.saphan.sandbox.epayment;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Issues, signs and keeps the e-Receipt of every paid transaction. */
public final class Receipts {

  private final EpaymentKeys keys;
  private final EpaymentProperties.Seller seller;
  private final Clock clock;
  private final Map<String, byte[]> byTransaction = new ConcurrentHashMap<>();

  public Receipts(EpaymentKeys keys, EpaymentProperties.Seller seller, Clock clock) {
    this.keys = keys;
    this.seller = seller;
    this.clock = clock;
  }

  /**
   * Issues the receipt of a paid transaction, honouring the receipt faults: {@code
   * untrustedReceiptKey} signs with a self-signed key, {@code tamperReceipt} changes the amount
   * after signing.
   */
  public byte[] issue(Transaction transaction, EpaymentFaults.Faults faults) {
    Document receipt = ReceiptXml.build(transaction, seller, LocalDateTime.now(clock));
    PartyKey key = faults.untrustedReceiptKey() ? keys.untrusted() : keys.epayment();
    ReceiptSigner.sign(receipt, key);
    if (faults.tamperReceipt()) {
      tamperAmount(receipt);
    }
    byte[] xml = ReceiptSigner.serialize(receipt);
    byTransaction.put(transaction.transactionId(), xml);
    return xml;
  }

  public Optional<byte[]> byTransaction(String transactionId) {
    return Optional.ofNullable(byTransaction.get(transactionId));
  }

  public void clear() {
    byTransaction.clear();
  }

  /** Changes the first digit of the grand total, which the signature covers. */
  static void tamperAmount(Document receipt) {
    NodeList totals = receipt.getElementsByTagNameNS(ReceiptXml.RAM, "GrandTotalAmount");
    Node total = totals.item(0);
    String amount = total.getTextContent();
    char first = amount.charAt(0);
    char changed = first == '9' ? '1' : (char) (first + 1);
    total.setTextContent(changed + amount.substring(1));
  }
}
