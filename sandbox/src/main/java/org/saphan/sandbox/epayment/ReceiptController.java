package org.saphan.sandbox.epayment;

import org.saphan.sandbox.web.SandboxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's e-Receipt download: the {@code receiptUrl} of PAID notifications. */
@RestController
public class ReceiptController {

  private final Receipts receipts;
  private final EpaymentFaults faults;

  public ReceiptController(Receipts receipts, EpaymentFaults faults) {
    this.receipts = receipts;
    this.faults = faults;
  }

  /** The signed ETDA e-Tax XML Receipt of a paid transaction. */
  @GetMapping("/epayment/v1/receipts/{transactionId}")
  public ResponseEntity<byte[]> receipt(@PathVariable String transactionId) {
    if (faults.current().down()) {
      throw new SandboxException(
          HttpStatus.SERVICE_UNAVAILABLE, "epayment_down", "the e-Payment gateway is down");
    }
    byte[] xml =
        receipts
            .byTransaction(transactionId)
            .orElseThrow(
                () ->
                    new SandboxException(
                        HttpStatus.NOT_FOUND,
                        "receipt_not_found",
                        "no e-Receipt for this transaction"));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(xml);
  }
}
