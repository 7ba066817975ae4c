package org.saphan.sandbox.gdx;

/**
 * The house record of DOPA Linkage service 008, field names and types as the Linkage Center answers
 * them. Address codes nest as in TISI 1099 / DOPA: province (2 digits) → district (4) → subdistrict
 * (6); a code of 0 with an empty description means "none".
 *
 * @param houseID the 11-digit house registration number (here: registration office code first)
 * @param houseNo house number as written, e.g. {@code 45/12}
 * @param villageNo หมู่ (village number), 0 in municipal areas
 * @param alleyCode ตรอก (trok) code
 * @param alleyWayCode ซอย (soi) code
 * @param rcodeCode the registration office (สำนักทะเบียน) code
 * @param dateOfTerminate BE {@code yyyyMMdd} the house was struck off, 0 while it exists
 */
public record LinkageHouse(
    long houseID,
    String houseNo,
    int houseType,
    String houseTypeDesc,
    int villageNo,
    int alleyCode,
    String alleyDesc,
    int alleyWayCode,
    String alleyWayDesc,
    int roadCode,
    String roadDesc,
    int subdistrictCode,
    String subdistrictDesc,
    int districtCode,
    String districtDesc,
    int provinceCode,
    String provinceDesc,
    int rcodeCode,
    String rcodeDesc,
    int dateOfTerminate) {}
