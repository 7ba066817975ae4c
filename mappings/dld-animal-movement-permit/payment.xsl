<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical payment notice (JSON, $input: a paid order) -> the DLD NotifyPayment payload
  (AnimalMovementPermit.wsdl). The hub signs the result (enveloped XML-DSig) before sending it.
  The order's message id is the notice's messageId: DLD answers a repeat with its first answer.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dld="urn:th:go:dld:movement:v1"
    exclude-result-prefixes="xs">
  <xsl:output method="xml" indent="no" omit-xml-declaration="yes"/>
  <xsl:param name="input" as="xs:string"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="paid" select="parse-json($input)"/>
    <xsl:for-each select="('messageId', 'agencyReference', 'applicationId', 'ref1', 'amount', 'paidAt', 'transactionId')">
      <xsl:if test="not($paid(current()))">
        <xsl:message terminate="yes" select="current() || ' is required for a DLD payment notice'"/>
      </xsl:if>
    </xsl:for-each>
    <dld:NotifyPayment>
      <dld:messageId><xsl:value-of select="$paid?messageId"/></dld:messageId>
      <dld:referenceNumber><xsl:value-of select="$paid?agencyReference"/></dld:referenceNumber>
      <dld:applicationId><xsl:value-of select="$paid?applicationId"/></dld:applicationId>
      <dld:paymentReference><xsl:value-of select="$paid?ref1"/></dld:paymentReference>
      <dld:amount><xsl:value-of select="$paid?amount"/></dld:amount>
      <dld:paidAt><xsl:value-of select="$paid?paidAt"/></dld:paidAt>
      <dld:transactionId><xsl:value-of select="$paid?transactionId"/></dld:transactionId>
      <xsl:if test="$paid?receiptUrl">
        <dld:receiptUrl><xsl:value-of select="$paid?receiptUrl"/></dld:receiptUrl>
      </xsl:if>
    </dld:NotifyPayment>
  </xsl:template>
</xsl:stylesheet>
