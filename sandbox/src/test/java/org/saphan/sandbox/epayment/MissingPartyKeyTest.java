package org.saphan.sandbox.epayment;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.saphan.sandbox.sftp.BankSftpServer;
import org.saphan.sandbox.sftp.SftpProperties;
import org.saphan.sandbox.web.SandboxExceptionHandler;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The e-Payment simulator without a key directory (a relative path, as the default is): its control
 * API wired as {@link EpaymentConfiguration} wires it, with default settings, but without a Spring
 * context, since the shared test context has the {@code epayment} key.
 */
class MissingPartyKeyTest {

  private PaymentNotifier notifier;
  private MockMvc mvc;

  @BeforeEach
  void gatewayWithoutKeys() throws IOException {
    Binder binder = new Binder(new MapConfigurationPropertySource(Map.of()));
    EpaymentProperties properties =
        binder.bindOrCreate("sandbox.epayment", EpaymentProperties.class);
    SftpProperties sftp = binder.bindOrCreate("sandbox.sftp", SftpProperties.class);
    EpaymentKeys keys =
        new EpaymentKeys(
            Path.of("target/no-such-keys"), "test-only-keystore-password".toCharArray());
    Clock clock = Clock.system(EpaymentConfiguration.BANGKOK);
    Payers payers;
    try (InputStream json = getClass().getResourceAsStream("/epayment/payers.json")) {
      payers = Payers.read(json);
    }
    Transactions transactions = new Transactions();
    Receipts receipts = new Receipts(keys, properties.seller(), clock);
    NotificationLog notificationLog = new NotificationLog(properties.notificationLogSize());
    EpaymentFaults faults = new EpaymentFaults();
    notifier =
        new PaymentNotifier(
            Executors.newSingleThreadScheduledExecutor(),
            HttpClient.newHttpClient(),
            URI.create("http://127.0.0.1:1" + properties.notificationPath()),
            keys,
            new ObjectMapper(),
            notificationLog,
            properties,
            clock);
    PaymentGateway gateway =
        new PaymentGateway(
            payers,
            transactions,
            receipts,
            notifier,
            faults,
            keys,
            () -> "http://localhost:8090",
            clock);
    EpaymentControlController controller =
        new EpaymentControlController(
            gateway,
            faults,
            notificationLog,
            transactions,
            receipts,
            new Settlements(transactions, new BankSftpServer(sftp, null), properties.bank(), clock),
            properties);
    mvc =
        MockMvcBuilders.standaloneSetup(controller)
            .setControllerAdvice(new SandboxExceptionHandler())
            .build();
  }

  @AfterEach
  void stopNotifier() {
    notifier.close();
  }

  @Test
  void shouldAnswer503WithPartyKeyUnavailableWhenKeyDirectoryHasNoEpaymentKey() throws Exception {
    // given
    String qr =
        new BillPaymentQr("099400098765001", "SPH5001", null, new BigDecimal("505.00")).toPayload();

    // when / then
    mvc.perform(
            post("/sandbox/v1/epayment/payments")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    new ObjectMapper()
                        .writeValueAsString(Map.of("qrPayload", qr, "payer", "citizen-somchai"))))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.code").value("party_key_unavailable"));
    mvc.perform(get("/sandbox/v1/epayment/transactions"))
        .andExpect(status().isOk())
        .andExpect(content().json("[]", true));
  }
}
