package org.saphan.hub.status;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.security.XmlDocuments;
import org.w3c.dom.Element;

class SoapStatusReportTest {

  /** Fuzzing finding (SoapStatusReportFuzzTest): DOMException NAMESPACE_ERR escaped as a 500. */
  @Test
  void shouldRefuseWithValidationFailedWhenAnAttributeNameIsNotNamespaceWellFormed() {
    // given
    String envelope =
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>"
            + "<sst:StatusReport xmlns:sst=\"urn:saphan:agency-status:1\" :a=\"x\">"
            + "<sst:ApplicationId>APP-1</sst:ApplicationId></sst:StatusReport>"
            + "</soap:Body></soap:Envelope>";
    Element report =
        SoapStatusReport.reportOf(XmlDocuments.parse(envelope.getBytes(StandardCharsets.UTF_8)));

    // when / then
    assertThatThrownBy(() -> SoapStatusReport.standalone(report))
        .isInstanceOf(SaphanException.class)
        .extracting(e -> ((SaphanException) e).code())
        .isEqualTo(ErrorCode.VALIDATION_FAILED);
  }
}
