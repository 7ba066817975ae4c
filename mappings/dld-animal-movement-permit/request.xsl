<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical application (JSON, in $input) -> DLD SubmitPermitApplication payload element
  (AnimalMovementPermit.wsdl, namespace urn:th:go:dld:movement:v1).

  The hub puts this element in the SOAP 1.1 Body and appends its enveloped XML-DSig as the last
  child; the mapping writes only the data, in the schema's order, messageId first.

  * Dates: movementDate is xs:date, so it stays in the Common Era (yyyy-MM-dd), unlike the DCY
    REST agency that wants Buddhist-era dates.
  * Places: province, district and subdistrict go out as DOPA codes (the schema takes codes or
    names); the form collects codes.
  * Species: the form's lower-case species become the schema's upper-case enumeration.
  * Version 1 of the WSDL has no element for the vehicle plate or the purpose of the movement.
    Until DLD adds them, they travel in the optional animal/description (at most 100 characters),
    preceded by the species name when the species is OTHER:
    "<other species>; เพื่อ<purpose>; ทะเบียนรถ <plate>". The form schema bounds each part so
    the description always fits.
  * The phone is optional in the schema and must read 0 followed by 8 or 9 digits: spaces and
    hyphens are removed and +66 becomes 0; a number that still does not fit is left out rather
    than failing the whole application on an optional field.
  * A missing required value stops the mapping with an error naming the field (never its value),
    instead of sending DLD a request its schema would refuse.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:dld="urn:th:go:dld:movement:v1"
                xmlns:f="urn:saphan:mapping:dld-animal-movement-permit"
                exclude-result-prefixes="#all">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:param name="input" as="xs:string" required="yes"/>

  <xsl:variable name="species" as="map(xs:string, xs:string)"
                select="map {
                  'cattle': 'CATTLE', 'buffalo': 'BUFFALO', 'swine': 'SWINE', 'goat': 'GOAT',
                  'sheep': 'SHEEP', 'chicken': 'CHICKEN', 'duck': 'DUCK', 'horse': 'HORSE',
                  'other': 'OTHER'
                }"/>

  <xsl:variable name="purposes" as="map(xs:string, xs:string)"
                select="map {
                  'raising': 'เลี้ยง',
                  'slaughter': 'ส่งโรงฆ่าสัตว์',
                  'trade': 'จำหน่าย',
                  'breeding': 'ผสมพันธุ์',
                  'exhibition': 'ประกวดหรือจัดแสดง'
                }"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="application" as="map(*)" select="parse-json($input)"/>
    <xsl:variable name="applicant" as="map(*)" select="f:object($application, 'applicant')"/>
    <xsl:variable name="form" as="map(*)" select="f:object($application, 'form')"/>

    <dld:SubmitPermitApplication>
      <dld:messageId>
        <xsl:value-of select="f:required($application, 'messageId')"/>
      </dld:messageId>
      <dld:applicationId>
        <xsl:value-of select="f:required($application, 'applicationId')"/>
      </dld:applicationId>
      <dld:applicant>
        <dld:citizenId>
          <xsl:value-of select="f:required($applicant, 'citizenId')"/>
        </dld:citizenId>
        <xsl:call-template name="f:optional">
          <xsl:with-param name="name" select="'title'"/>
          <xsl:with-param name="value" select="f:text($applicant?title)"/>
        </xsl:call-template>
        <dld:firstName>
          <xsl:value-of select="f:required($applicant, 'givenName')"/>
        </dld:firstName>
        <dld:lastName>
          <xsl:value-of select="f:required($applicant, 'familyName')"/>
        </dld:lastName>
        <xsl:call-template name="f:optional">
          <xsl:with-param name="name" select="'phone'"/>
          <xsl:with-param name="value" select="f:phone($applicant?phone)"/>
        </xsl:call-template>
      </dld:applicant>
      <dld:animal>
        <dld:species>
          <xsl:value-of select="f:species($form)"/>
        </dld:species>
        <dld:count>
          <xsl:value-of select="f:count($form)"/>
        </dld:count>
        <dld:description>
          <xsl:value-of select="f:description($form)"/>
        </dld:description>
      </dld:animal>
      <dld:origin>
        <xsl:call-template name="f:place">
          <xsl:with-param name="place" select="f:object($form, 'origin')"/>
          <xsl:with-param name="field" select="'form.origin'"/>
        </xsl:call-template>
      </dld:origin>
      <dld:destination>
        <xsl:call-template name="f:place">
          <xsl:with-param name="place" select="f:object($form, 'destination')"/>
          <xsl:with-param name="field" select="'form.destination'"/>
        </xsl:call-template>
      </dld:destination>
      <dld:movementDate>
        <xsl:value-of select="f:date($form, 'movementDate')"/>
      </dld:movementDate>
    </dld:SubmitPermitApplication>
  </xsl:template>

  <!-- A Location: farmId, address, subdistrict, district, province, in the schema's order. -->
  <xsl:template name="f:place">
    <xsl:param name="place" as="map(*)"/>
    <xsl:param name="field" as="xs:string"/>
    <xsl:call-template name="f:optional">
      <xsl:with-param name="name" select="'farmId'"/>
      <xsl:with-param name="value" select="f:text($place?farmId)"/>
    </xsl:call-template>
    <xsl:call-template name="f:optional">
      <xsl:with-param name="name" select="'address'"/>
      <xsl:with-param name="value" select="f:text($place?address)"/>
    </xsl:call-template>
    <xsl:call-template name="f:optional">
      <xsl:with-param name="name" select="'subdistrict'"/>
      <xsl:with-param name="value" select="f:text($place?subdistrictCode)"/>
    </xsl:call-template>
    <xsl:call-template name="f:optional">
      <xsl:with-param name="name" select="'district'"/>
      <xsl:with-param name="value" select="f:text($place?districtCode)"/>
    </xsl:call-template>
    <dld:province>
      <xsl:value-of select="f:required($place, 'provinceCode', $field)"/>
    </dld:province>
  </xsl:template>

  <!-- <dld:{name}>value</dld:{name}>, or nothing when the value is empty. -->
  <xsl:template name="f:optional">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="$value">
      <xsl:element name="dld:{$name}" namespace="urn:th:go:dld:movement:v1">
        <xsl:value-of select="$value"/>
      </xsl:element>
    </xsl:if>
  </xsl:template>

  <!-- A string value with its whitespace normalized, or the empty sequence. -->
  <xsl:function name="f:text" as="xs:string?">
    <xsl:param name="value" as="item()?"/>
    <xsl:sequence select="normalize-space(string($value))[. ne '']"/>
  </xsl:function>

  <xsl:function name="f:required" as="xs:string">
    <xsl:param name="object" as="map(*)"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="f:required($object, $key, '')"/>
  </xsl:function>

  <!-- The value of a required member; stops the mapping, naming the field, when it is empty. -->
  <xsl:function name="f:required" as="xs:string">
    <xsl:param name="object" as="map(*)"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="parent" as="xs:string"/>
    <xsl:variable name="value" select="f:text($object($key))"/>
    <xsl:sequence select="
      if (exists($value)) then $value
      else error(xs:QName('f:missing'),
                 'required field ' || string-join(($parent[. ne ''], $key), '.') || ' is missing')"/>
  </xsl:function>

  <xsl:function name="f:object" as="map(*)">
    <xsl:param name="object" as="map(*)"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="
      if ($object($key) instance of map(*)) then $object($key)
      else error(xs:QName('f:missing'), 'required object ' || $key || ' is missing')"/>
  </xsl:function>

  <xsl:function name="f:species" as="xs:string">
    <xsl:param name="form" as="map(*)"/>
    <xsl:variable name="code" select="f:required($form, 'species', 'form')"/>
    <xsl:sequence select="
      if (map:contains($species, $code)) then $species($code)
      else error(xs:QName('f:invalid'), 'form.species is not a species DLD knows')"/>
  </xsl:function>

  <!-- positiveInteger for DLD; the form allows 1 to 10000. -->
  <xsl:function name="f:count" as="xs:integer">
    <xsl:param name="form" as="map(*)"/>
    <xsl:variable name="count" select="$form?count"/>
    <xsl:sequence select="
      if ($count instance of xs:double and $count = floor($count) and $count ge 1)
      then xs:integer($count)
      else error(xs:QName('f:invalid'), 'form.count must be a whole number of at least 1')"/>
  </xsl:function>

  <xsl:function name="f:date" as="xs:date">
    <xsl:param name="form" as="map(*)"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="value" select="f:required($form, $key, 'form')"/>
    <xsl:sequence select="
      if ($value castable as xs:date and matches($value, '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'))
      then xs:date($value)
      else error(xs:QName('f:invalid'), 'form.' || $key || ' is not a yyyy-MM-dd date')"/>
  </xsl:function>

  <!-- "<other species>; เพื่อ<purpose>; ทะเบียนรถ <plate>", at most 100 characters. -->
  <xsl:function name="f:description" as="xs:string">
    <xsl:param name="form" as="map(*)"/>
    <xsl:variable name="purpose" select="f:required($form, 'purpose', 'form')"/>
    <xsl:variable name="purposeText" select="
      if ($purpose eq 'other') then f:required($form, 'otherPurpose', 'form')
      else if (map:contains($purposes, $purpose)) then $purposes($purpose)
      else error(xs:QName('f:invalid'), 'form.purpose is not a known purpose')"/>
    <xsl:variable name="description" select="string-join((
        if (f:species($form) eq 'OTHER') then f:required($form, 'otherSpecies', 'form') else (),
        'เพื่อ' || $purposeText,
        'ทะเบียนรถ ' || f:required($form, 'vehiclePlate', 'form')
      ), '; ')"/>
    <xsl:sequence select="
      if (string-length($description) le 100) then $description
      else error(xs:QName('f:invalid'),
                 'the species, purpose and vehicle plate do not fit the 100 characters DLD allows')"/>
  </xsl:function>

  <!-- 0 and 8 or 9 digits, or nothing. -->
  <xsl:function name="f:phone" as="xs:string?">
    <xsl:param name="value" as="item()?"/>
    <xsl:variable name="digits"
                  select="replace(replace(string($value), '[\s\-]', ''), '^\+66', '0')"/>
    <xsl:sequence select="$digits[matches(., '^0[0-9]{8,9}$')]"/>
  </xsl:function>
</xsl:stylesheet>
