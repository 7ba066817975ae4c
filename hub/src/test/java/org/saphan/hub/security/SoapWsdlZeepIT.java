package org.saphan.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.saphan.hub.support.HubIntegrationTest;

/**
 * The SOAP contracts load in an independent SOAP stack (python3-zeep): the hub's status-service
 * WSDL with the XML-DSig schema it imports (served beside it, DTD-free), and DLD's agency WSDL,
 * each listing its operations with the soapAction a client must send.
 */
class SoapWsdlZeepIT extends HubIntegrationTest {

  @Test
  void shouldListTheReportStatusOperationWhenZeepLoadsTheHubsStatusWsdl() throws Exception {
    // given
    String python = ExternalTools.python3With("zeep", "python3-zeep");
    // when
    ExternalTools.Result result = zeep(python, uri("/agency/soap/v1/status?wsdl").toString());
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("ReportStatus urn:saphan:agency-status:1:ReportStatus");
  }

  @Test
  void shouldListEveryOperationWithItsSoapActionWhenZeepLoadsDldsWsdl() throws Exception {
    // given
    String python = ExternalTools.python3With("zeep", "python3-zeep");
    // when
    ExternalTools.Result result =
        zeep(python, ENV.sandboxUrl() + "/agencies/dld/soap/AnimalMovementPermit?wsdl");
    // then
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("SubmitPermitApplication urn:th:go:dld:movement:v1:SubmitPermitApplication")
        .contains("GetPermitStatus urn:th:go:dld:movement:v1:GetPermitStatus")
        .contains("NotifyPayment urn:th:go:dld:movement:v1:NotifyPayment");
  }

  @Test
  void shouldServeTheImportedXmldsigSchemaWithoutADoctype() throws Exception {
    // when
    var schema = get("/agency/soap/v1/status?xsd=xmldsig-core-schema.xsd");
    var unknown = get("/agency/soap/v1/status?xsd=other.xsd");
    // then
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.body()).contains("name=\"Signature\"").doesNotContain("<!DOCTYPE");
    assertProblem(unknown, 404, "not_found");
  }

  private static ExternalTools.Result zeep(String python, String wsdl) throws Exception {
    Path dir = Files.createTempDirectory("zeep");
    Path script = dir.resolve("operations.py");
    try (var in = SoapWsdlZeepIT.class.getResourceAsStream("/zeep/operations.py")) {
      Files.write(script, in.readAllBytes());
    }
    return ExternalTools.run(dir, python, script.toString(), wsdl);
  }
}
