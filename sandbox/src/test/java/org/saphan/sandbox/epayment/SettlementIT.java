package org.saphan.sandbox.epayment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.sftp.BankSftpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class SettlementIT extends EpaymentTestSupport {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String SFTP_PASSWORD = "sandbox-sftp-password";

  @Autowired BankSftpServer sftp;

  @Test
  void shouldPublishFileWithEveryPaymentWhenNoDiscrepancyIsAsked() throws IOException {
    // given
    String date = pay("SPH1001", "505.00", "citizen-somchai");
    pay("SPH1002", "100.25", "citizen-malee");

    // when
    ResponseEntity<JsonNode> answer = settle(date, List.of());
    List<byte[]> records = SettlementRecords.split(download(answer.getBody()));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String day = date.replace("-", "");
    assertThat(answer.getBody().get("fileName").asText())
        .isEqualTo("BILLPAY_" + BILLER + "_" + day + ".txt");
    assertThat(answer.getBody().get("path").asText())
        .isEqualTo("/outbound/BILLPAY_" + BILLER + "_" + day + ".txt");
    assertThat(answer.getBody().get("lineCount").asInt()).isEqualTo(4);
    assertThat(answer.getBody().get("creditAmount").asText()).isEqualTo("605.25");
    assertThat(answer.getBody().get("discrepancies")).isEmpty();
    assertThat(records).hasSize(4).allSatisfy(r -> assertThat(r).hasSize(256));
    assertThat(records.stream().skip(1).limit(2).map(SettlementRecords::ref1))
        .containsExactly("SPH1001", "SPH1002");
    assertThat(SettlementRecords.field(records.get(2), 34, 84).strip())
        .isEqualTo("นางสาวมาลี ศรีสวัสดิ์");
    assertThat(SettlementRecords.field(records.get(3), 39, 58)).isEqualTo("0000000060525000002");
  }

  @Test
  void shouldPutEachDiscrepancyInFileAsReportedWhenAllAreAsked() throws IOException {
    // given
    String date = pay("SPH2001", "505.00", "citizen-somchai");
    pay("SPH2002", "200.00", "citizen-malee");
    pay("SPH2003", "300.00", "citizen-wichai");
    pay("SPH2004", "400.00", "citizen-somying");

    // when
    ResponseEntity<JsonNode> answer =
        settle(
            date, List.of("amount_mismatch", "unknown_reference", "missing_at_bank", "duplicate"));
    List<byte[]> records = SettlementRecords.split(download(answer.getBody()));
    List<byte[]> details = records.subList(1, records.size() - 1);
    List<String> refs = details.stream().map(SettlementRecords::ref1).toList();

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    String missing = touched(answer, "missing_at_bank").get("ref1").asText();
    JsonNode mismatch = touched(answer, "amount_mismatch");
    String duplicate = touched(answer, "duplicate").get("ref1").asText();
    String unknown = touched(answer, "unknown_reference").get("ref1").asText();
    assertThat(List.of(missing, mismatch.get("ref1").asText(), duplicate))
        .doesNotHaveDuplicates()
        .allMatch(r -> r.startsWith("SPH200"));
    assertThat(refs).doesNotContain(missing);
    assertThat(refs).filteredOn(duplicate::equals).hasSize(2);
    assertThat(refs).contains(unknown).noneMatch(r -> r.equals(unknown) && r.startsWith("SPH"));
    byte[] mismatched = details.get(refs.indexOf(mismatch.get("ref1").asText()));
    assertThat(mismatch.get("paidAmount").asText())
        .isNotEqualTo(mismatch.get("fileAmount").asText());
    assertThat(SettlementRecords.amount(mismatched))
        .isEqualTo(satang(mismatch.get("fileAmount").asText()));
    assertThat(answer.getBody().get("lineCount").asInt()).isEqualTo(records.size()).isEqualTo(7);
    long total = details.stream().mapToLong(d -> Long.parseLong(SettlementRecords.amount(d))).sum();
    byte[] trailer = records.get(records.size() - 1);
    assertThat(Long.parseLong(SettlementRecords.field(trailer, 39, 52))).isEqualTo(total);
    assertThat(Integer.parseInt(SettlementRecords.field(trailer, 52, 58)))
        .isEqualTo(details.size());
  }

  @Test
  void shouldAnswer422WhenDiscrepanciesNeedMoreTransactionsThanWerePaid() {
    // given
    String date = pay("SPH3001", "505.00", "citizen-somchai");

    // when
    ResponseEntity<JsonNode> answer = settle(date, List.of("missing_at_bank", "duplicate"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(answer.getBody().get("code").asText())
        .isEqualTo("settlement_not_enough_transactions");
  }

  @Test
  void shouldAnswer400WhenDiscrepancyIsUnknown() {
    // when
    ResponseEntity<JsonNode> answer = settle("2026-11-25", List.of("lost_in_space"));

    // then
    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody().get("code").asText()).isEqualTo("discrepancy_unknown");
  }

  @Test
  void shouldRefuseSftpLoginWhenPasswordIsWrong() {
    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> session("wrong").close())
        .isInstanceOf(SshException.class);
  }

  private String pay(String ref1, String amount, String persona) {
    ResponseEntity<JsonNode> paid =
        pay(map("billerId", BILLER, "ref1", ref1, "amount", amount, "payer", persona));
    assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return OffsetDateTime.parse(paid.getBody().get("paidAt").asText()).toLocalDate().toString();
  }

  private ResponseEntity<JsonNode> settle(String date, List<String> discrepancies) {
    return rest.postForEntity(
        "/sandbox/v1/epayment/settlements",
        Map.of("date", date, "billerId", BILLER, "discrepancies", discrepancies),
        JsonNode.class);
  }

  private static JsonNode touched(ResponseEntity<JsonNode> answer, String type) {
    List<JsonNode> found = new ArrayList<>();
    answer
        .getBody()
        .get("discrepancies")
        .forEach(
            d -> {
              if (d.get("type").asText().equals(type)) {
                found.add(d);
              }
            });
    assertThat(found).as(type).hasSize(1);
    return found.get(0);
  }

  private static String satang(String baht) {
    return String.format(
        "%013d", new java.math.BigDecimal(baht).movePointRight(2).longValueExact());
  }

  private byte[] download(JsonNode answer) throws IOException {
    try (ClientSession session = session(SFTP_PASSWORD);
        SftpClient client = SftpClientFactory.instance().createSftpClient(session);
        InputStream in = client.read(answer.get("path").asText())) {
      return in.readAllBytes();
    }
  }

  private ClientSession session(String password) throws IOException {
    SshClient client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.start();
    ClientSession session =
        client.connect("saphan", "localhost", sftp.port()).verify(TIMEOUT).getSession();
    session.addCloseFutureListener(f -> client.stop());
    try {
      session.addPasswordIdentity(password);
      session.auth().verify(TIMEOUT);
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }
}
