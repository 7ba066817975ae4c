package org.saphan.sandbox.agency;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Control API of the DOAE batch agency (tests and demos only): the files its inbox checked. */
@RestController
@RequestMapping("/sandbox/v1/agencies/doae")
public class DoaeControlController {

  private final DoaeBatchInbox inbox;

  public DoaeControlController(DoaeBatchInbox inbox) {
    this.inbox = inbox;
  }

  /**
   * The files received, oldest first: {@code
   * [{"manifest","file","count","accepted","reason","at"}]} ({@code reason} null when accepted).
   */
  @GetMapping("/files")
  public List<DoaeBatchInbox.Received> files() {
    return inbox.received();
  }
}
