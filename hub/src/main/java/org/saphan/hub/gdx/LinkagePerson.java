package org.saphan.hub.gdx;

import org.saphan.catalog.ThaiCitizenId;

/**
 * The person record of DOPA Linkage service 001 ("pop"), Linkage field names kept, dates converted
 * from BE {@code yyyyMMdd} to {@link PartialDate}; blank texts are {@code null}.
 *
 * @param citizenId the 13-digit id the record was read for
 * @param titleCode DOPA title code
 * @param titleDesc the title as printed (e.g. นาย, น.ส.)
 * @param titleName the title in full
 * @param fullnameAndRank title or rank, first and last name as one string
 * @param genderCode 1 male, 2 female
 * @param dateOfBirth CE date of birth, parts possibly unknown; {@code null} when unknown entirely
 * @param age whole years, as GDX computed it
 * @param nationalityCode 99 = Thai
 * @param ownerStatusDesc เจ้าบ้าน (house owner) or ผู้อาศัย (resident)
 * @param statusOfPersonDesc the person's status in the house record
 * @param dateOfMoveIn CE date of the move into the current house; {@code null} when unknown
 * @param father the father as registered
 * @param mother the mother as registered
 */
public record LinkagePerson(
    String citizenId,
    int titleCode,
    String titleDesc,
    String titleName,
    String fullnameAndRank,
    String firstName,
    String middleName,
    String lastName,
    String englishTitleDesc,
    String englishFirstName,
    String englishMiddleName,
    String englishLastName,
    int genderCode,
    String genderDesc,
    PartialDate dateOfBirth,
    int age,
    int nationalityCode,
    String nationalityDesc,
    String ownerStatusDesc,
    int statusOfPersonCode,
    String statusOfPersonDesc,
    PartialDate dateOfMoveIn,
    Parent father,
    Parent mother) {

  /**
   * A parent as the person record names them.
   *
   * @param citizenId the parent's 13-digit id; {@code null} when not registered (GDX sends 0)
   * @param name title, first and last name as one string
   * @param nationalityCode 99 = Thai; 0 when unknown
   */
  public record Parent(String citizenId, String name, int nationalityCode, String nationalityDesc) {

    /** Masked: never prints the id or the name. */
    @Override
    public String toString() {
      return "Parent[citizenId=" + ThaiCitizenId.mask(citizenId) + "]";
    }
  }

  /** Masked: never prints the id, names or dates, so that a stray log line leaks nothing. */
  @Override
  public String toString() {
    return "LinkagePerson[citizenId=" + ThaiCitizenId.mask(citizenId) + "]";
  }
}
