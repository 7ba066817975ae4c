package org.saphan.hub.gdx;

/**
 * The house record of DOPA Linkage service 008, Linkage field names kept. Address codes nest as
 * province (2 digits) → district (4) → subdistrict (6); a code of 0 means none. Blank texts are
 * {@code null}.
 *
 * @param houseId the 11-digit house registration number; {@code null} when GDX sends 0
 * @param houseNo the house number as written, e.g. {@code 45/12}
 * @param villageNo หมู่ (village number), 0 in municipal areas
 * @param alleyCode ตรอก (trok) code
 * @param alleyWayCode ซอย (soi) code
 * @param rcodeCode the registration office (สำนักทะเบียน) code
 * @param dateOfTerminate CE date the house was struck off; {@code null} while it exists
 */
public record LinkageHouse(
    String houseId,
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
    PartialDate dateOfTerminate) {

  /** Masked: an address is personal data; only the province code is shown. */
  @Override
  public String toString() {
    return "LinkageHouse[provinceCode=" + provinceCode + "]";
  }
}
