package org.saphan.sandbox.epayment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The gateway's transactions, in payment order. */
public final class Transactions {

  private final List<Transaction> all = new ArrayList<>();

  public synchronized void add(Transaction transaction) {
    all.add(transaction);
  }

  public synchronized Optional<Transaction> byId(String transactionId) {
    return all.stream().filter(t -> t.transactionId().equals(transactionId)).findFirst();
  }

  public synchronized List<Transaction> all() {
    return List.copyOf(all);
  }

  /** Paid transactions of one biller on one (Bangkok) day, in payment order. */
  public synchronized List<Transaction> paidOn(LocalDate date, String billerId) {
    return all.stream()
        .filter(t -> t.billerId().equals(billerId) && t.paidAt().toLocalDate().equals(date))
        .toList();
  }

  public synchronized int size() {
    return all.size();
  }

  public synchronized void clear() {
    all.clear();
  }
}
