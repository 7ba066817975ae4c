<?xml version="1.0" encoding="UTF-8"?>
<!--
  DLD GetPermitStatusResponse -> canonical status update (JSON).

  DLD cannot call the hub back: the hub polls GetPermitStatus(referenceNumber) for every open
  application (api.polling) and runs this mapping on the answer, either the payload element or the
  whole SOAP envelope.

  * applicationId: the answer does not carry it (only referenceNumber, statusCode, statusDate and
    an optional remark), so the mapping leaves it out. The hub knows which application it polled
    for: it sets applicationId from its own record of the referenceNumber it asked about, and
    should refuse an answer whose referenceNumber is not the one it asked for.
  * agencyReference: the referenceNumber of the answer.
  * agencyStatusCode: RECEIVED, IN_REVIEW, APPROVED, REJECTED or CANCELLED, translated by the
    card's api.statusCodes.
  * changedAt: statusDate (xs:dateTime, Common Era) in Thai time, yyyy-MM-ddTHH:mm:ss+07:00; a
    statusDate without an offset is read as Thai time.
  * message: the officer's remark, left out when there is none.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:dld="urn:th:go:dld:movement:v1"
                xmlns:f="urn:saphan:mapping:dld-animal-movement-permit"
                exclude-result-prefixes="#all">

  <xsl:output method="json" encoding="UTF-8" indent="yes"/>

  <xsl:variable name="thai-time" as="xs:dayTimeDuration" select="xs:dayTimeDuration('PT7H')"/>

  <xsl:template match="/">
    <xsl:variable name="answer" select="(//dld:GetPermitStatusResponse)[1]"/>
    <xsl:sequence select="
      if (exists($answer)) then f:update($answer)
      else error(xs:QName('f:invalid'), 'the document holds no dld:GetPermitStatusResponse')"/>
  </xsl:template>

  <xsl:function name="f:update" as="map(*)">
    <xsl:param name="answer" as="element(dld:GetPermitStatusResponse)"/>
    <xsl:variable name="remark" select="normalize-space($answer/dld:remark)[. ne '']"/>
    <xsl:sequence select="map:merge((
        map {
          'agencyReference': f:required($answer, 'referenceNumber'),
          'agencyStatusCode': f:required($answer, 'statusCode'),
          'changedAt': f:thai-time(f:required($answer, 'statusDate'))
        },
        $remark ! map {'message': .}))"/>
  </xsl:function>

  <xsl:function name="f:required" as="xs:string">
    <xsl:param name="answer" as="element(dld:GetPermitStatusResponse)"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="value" select="normalize-space($answer/dld:*[local-name() eq $name])"/>
    <xsl:sequence select="
      if ($value ne '') then $value
      else error(xs:QName('f:invalid'), 'GetPermitStatusResponse has no ' || $name)"/>
  </xsl:function>

  <xsl:function name="f:thai-time" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="
      if ($value castable as xs:dateTime)
      then format-dateTime(
             adjust-dateTime-to-timezone(xs:dateTime($value), $thai-time),
             '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01][Z01:01]')
      else error(xs:QName('f:invalid'), 'statusDate is not an xs:dateTime')"/>
  </xsl:function>
</xsl:stylesheet>
