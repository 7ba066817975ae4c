<?xml version="1.0" encoding="UTF-8"?>
<!--
  DLD SubmitPermitApplicationResponse -> canonical acknowledgement (JSON).

  Input: the response payload element, or the whole SOAP envelope holding it (the first
  dld:SubmitPermitApplicationResponse in the document is read either way).

  * resultCode 0000: accepted, with the referenceNumber as agencyReference. DLD registers every
    accepted application as RECEIVED (the first GetPermitStatus answers RECEIVED), so the
    acknowledgement carries that status code and the timeline shows "received" without waiting
    for the first poll. An accepted answer without a referenceNumber breaks the contract and stops
    the mapping (a delivery failure, not a refusal).
  * Any other resultCode (E101 invalid citizen id, E102 movement date in the past, ...): a business
    refusal, accepted false with DLD's Thai resultMessage.
  * The answer carries no time: receivedAt is left out and the hub stamps the time it got the
    answer.
  * SOAP Faults (signature, schema, unknown reference) are not refusals: the hub treats them as
    delivery failures before this mapping runs; a document without the response element stops the
    mapping.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:dld="urn:th:go:dld:movement:v1"
                xmlns:f="urn:saphan:mapping:dld-animal-movement-permit"
                exclude-result-prefixes="#all">

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:variable name="answer" select="(//dld:SubmitPermitApplicationResponse)[1]"/>
    <xsl:sequence select="
      if (exists($answer)) then f:acknowledgement($answer)
      else error(xs:QName('f:invalid'), 'the document holds no dld:SubmitPermitApplicationResponse')"/>
  </xsl:template>

  <xsl:function name="f:acknowledgement" as="map(*)">
    <xsl:param name="answer" as="element(dld:SubmitPermitApplicationResponse)"/>
    <xsl:variable name="code" select="normalize-space($answer/dld:resultCode)"/>
    <xsl:variable name="reference" select="normalize-space($answer/dld:referenceNumber)"/>
    <xsl:variable name="message" select="normalize-space($answer/dld:resultMessage)[. ne '']"/>
    <xsl:choose>
      <xsl:when test="$code eq '0000' and $reference ne ''">
        <xsl:sequence select="map:merge((
            map {'accepted': true(), 'agencyReference': $reference, 'agencyStatusCode': 'RECEIVED'},
            $message ! map {'message': .}))"/>
      </xsl:when>
      <xsl:when test="$code eq '0000'">
        <xsl:sequence select="error(xs:QName('f:invalid'),
                                    'resultCode 0000 without a referenceNumber')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:sequence select="map:merge((
            map {'accepted': false()},
            $message ! map {'message': .}))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
