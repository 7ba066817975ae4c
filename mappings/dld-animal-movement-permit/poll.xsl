<?xml version="1.0" encoding="UTF-8"?>
<!--
  Status query (JSON, $input: {applicationId, agencyReference, messageId}) -> the DLD
  GetPermitStatus payload. The hub signs the result (enveloped XML-DSig) before sending it, as the
  agency requires for every operation.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:dld="urn:th:go:dld:movement:v1"
    exclude-result-prefixes="xs">
  <xsl:output method="xml" indent="no" omit-xml-declaration="yes"/>
  <xsl:param name="input" as="xs:string"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="query" select="parse-json($input)"/>
    <xsl:if test="not($query?agencyReference)">
      <xsl:message terminate="yes">agencyReference is required to poll DLD</xsl:message>
    </xsl:if>
    <dld:GetPermitStatus>
      <dld:referenceNumber><xsl:value-of select="$query?agencyReference"/></dld:referenceNumber>
    </dld:GetPermitStatus>
  </xsl:template>
</xsl:stylesheet>
