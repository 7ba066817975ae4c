package org.saphan.sandbox.gdx;

/**
 * The person record of DOPA Linkage service 001 ("pop"), field names and types as the Linkage
 * Center answers them; dates are BE integers {@code yyyyMMdd} with unknown parts {@code 00}.
 *
 * @param titleCode DOPA title code (3 นาย, 4 นางสาว, 5 นาง; 1 เด็กชาย, 2 เด็กหญิง)
 * @param titleDesc the title as printed, possibly abbreviated (น.ส.)
 * @param titleName the title in full
 * @param titleSex 1 male title, 2 female title
 * @param fullnameAndRank title or rank, first name and last name as one string
 * @param genderCode 1 male, 2 female
 * @param dateOfBirth BE {@code yyyyMMdd}
 * @param age whole years on the simulator's date (computed when answered)
 * @param nationalityCode 99 Thai
 * @param ownerStatusDesc เจ้าบ้าน (house owner) or ผู้อาศัย (resident)
 * @param dateOfMoveIn BE {@code yyyyMMdd} of the move into the current house
 * @param fatherPersonalID the father's citizen id, 0 when not registered
 * @param motherPersonalID the mother's citizen id, 0 when not registered
 */
public record LinkagePerson(
    int titleCode,
    String titleDesc,
    String titleName,
    int titleSex,
    String firstName,
    String middleName,
    String lastName,
    String fullnameAndRank,
    String englishTitleDesc,
    String englishFirstName,
    String englishMiddleName,
    String englishLastName,
    int genderCode,
    String genderDesc,
    int dateOfBirth,
    int age,
    int nationalityCode,
    String nationalityDesc,
    String ownerStatusDesc,
    int statusOfPersonCode,
    String statusOfPersonDesc,
    int dateOfMoveIn,
    long fatherPersonalID,
    String fatherName,
    int fatherNationalityCode,
    String fatherNationalityDesc,
    long motherPersonalID,
    String motherName,
    int motherNationalityCode,
    String motherNationalityDesc) {

  /** The same record with the age set. */
  public LinkagePerson withAge(int newAge) {
    return new LinkagePerson(
        titleCode,
        titleDesc,
        titleName,
        titleSex,
        firstName,
        middleName,
        lastName,
        fullnameAndRank,
        englishTitleDesc,
        englishFirstName,
        englishMiddleName,
        englishLastName,
        genderCode,
        genderDesc,
        dateOfBirth,
        newAge,
        nationalityCode,
        nationalityDesc,
        ownerStatusDesc,
        statusOfPersonCode,
        statusOfPersonDesc,
        dateOfMoveIn,
        fatherPersonalID,
        fatherName,
        fatherNationalityCode,
        fatherNationalityDesc,
        motherPersonalID,
        motherName,
        motherNationalityCode,
        motherNationalityDesc);
  }
}
