package org.saphan.hub.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.saphan.catalog.Catalog;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.common.Digests;
import org.saphan.catalog.settings.ConsentSettings;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The consent agreements of the catalog, derived from the cards' {@code consent} and {@code sso}
 * blocks and kept in PostgreSQL with their versions: a card whose purpose, categories or basis
 * changed gets a new version at start-up.
 */
public class ConsentAgreements {

  /**
   * Retention of an agreement's data, in days: the portal's default for application data (the card
   * schema has no retention property).
   */
  static final int DEFAULT_RETENTION_DAYS = 3650;

  private final JdbcClient jdbc;
  private final Map<String, ConsentAgreement> current = new LinkedHashMap<>();

  public ConsentAgreements(JdbcClient jdbc, Catalog catalog) {
    this.jdbc = jdbc;
    for (ConnectorCard card : catalog.cards()) {
      derive(card).ifPresent(draft -> current.put(draft.id(), register(draft)));
    }
  }

  /** The current version of a connector's agreement. */
  public Optional<ConsentAgreement> forConnector(String connector) {
    return Optional.ofNullable(current.get(connector));
  }

  /** The current agreement with this id; refuses an unknown id. */
  public ConsentAgreement get(String id) {
    ConsentAgreement agreement = current.get(id);
    if (agreement == null) {
      throw SaphanException.validation(
          ErrorCode.AGREEMENT_NOT_FOUND, "no consent agreement '" + id + "'");
    }
    return agreement;
  }

  /** A given version of an agreement, as stored. */
  public Optional<ConsentAgreement> version(String id, int version) {
    return jdbc.sql(
            "select id, version, connector, purpose_th, purpose_en, categories, recipient_agency,"
                + " data_provider, lawful_basis, retention_days from consent_agreement"
                + " where id = ? and version = ?")
        .params(id, version)
        .query(
            (rs, row) ->
                new ConsentAgreement(
                    rs.getString("id"),
                    rs.getInt("version"),
                    rs.getString("connector"),
                    rs.getString("purpose_th"),
                    rs.getString("purpose_en"),
                    List.of((String[]) rs.getArray("categories").getArray()),
                    rs.getString("recipient_agency"),
                    rs.getString("data_provider"),
                    rs.getString("lawful_basis"),
                    rs.getInt("retention_days")))
        .optional();
  }

  /** Every current agreement. */
  public List<ConsentAgreement> all() {
    return List.copyOf(current.values());
  }

  /**
   * The agreement a card implies: for models 3 and 4 and cards that offer checks, the categories
   * read from GDX and shared with the agency under the card's basis (reading for pre-fill always
   * under consent); for model 2, the claims released by single sign-on.
   */
  static Optional<ConsentAgreement> derive(ConnectorCard card) {
    Optional<ConsentSettings> declared = card.consent();
    if ((card.integrationModel() == IntegrationModel.THREE
            || card.integrationModel() == IntegrationModel.FOUR
            || card.checks().isPresent())
        && declared.isPresent()) {
      ConsentSettings consent = declared.get();
      Set<String> categories = new LinkedHashSet<>(consent.dataCategories().read());
      if (consent.lawfulBasis().equals("consent")) {
        categories.addAll(consent.dataCategories().shared());
      }
      String provider = consent.dataCategories().read().isEmpty() ? "citizen" : "gdx:dopa-linkage";
      return Optional.of(
          new ConsentAgreement(
              card.name(),
              0,
              card.name(),
              consent.purpose().th(),
              consent.purpose().en().orElse(null),
              List.copyOf(categories),
              card.agencyCode(),
              provider,
              "consent",
              DEFAULT_RETENTION_DAYS));
    }
    if (card.integrationModel() == IntegrationModel.TWO) {
      List<String> claims = new ArrayList<>(card.sso().orElseThrow().claims());
      return Optional.of(
          new ConsentAgreement(
              card.name(),
              0,
              card.name(),
              "ส่งข้อมูลยืนยันตัวตนให้หน่วยงานเมื่อเข้าสู่ระบบด้วย Digital ID",
              "Identity claims sent to the agency when signing in with Digital ID",
              claims,
              card.agencyCode(),
              "digital-id",
              "consent",
              0));
    }
    return Optional.empty();
  }

  /** Stores a derived agreement, as a new version when its content changed. */
  private ConsentAgreement register(ConsentAgreement draft) {
    String hash = hash(draft);
    Optional<Integer> same =
        jdbc.sql(
                "select version from consent_agreement where id = ? and content_hash = ?"
                    + " order by version desc limit 1")
            .params(draft.id(), hash)
            .query(Integer.class)
            .optional();
    int latest =
        jdbc.sql("select coalesce(max(version), 0) from consent_agreement where id = ?")
            .param(draft.id())
            .query(Integer.class)
            .single();
    int version;
    if (same.isPresent() && same.get() == latest) {
      version = latest;
    } else {
      version = latest + 1;
      jdbc.sql(
              "insert into consent_agreement (id, version, connector, purpose_th, purpose_en,"
                  + " categories, recipient_agency, data_provider, lawful_basis, retention_days,"
                  + " content_hash) values (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)"
                  + " on conflict do nothing")
          .params(
              draft.id(),
              version,
              draft.connector(),
              draft.purposeTh(),
              draft.purposeEn(),
              "{" + String.join(",", draft.categories()) + "}",
              draft.recipientAgency(),
              draft.dataProvider(),
              draft.lawfulBasis(),
              draft.retentionDays(),
              hash)
          .update();
    }
    return new ConsentAgreement(
        draft.id(),
        version,
        draft.connector(),
        draft.purposeTh(),
        draft.purposeEn(),
        draft.categories(),
        draft.recipientAgency(),
        draft.dataProvider(),
        draft.lawfulBasis(),
        draft.retentionDays());
  }

  private static String hash(ConsentAgreement a) {
    String content =
        String.join(
            "\n",
            a.purposeTh(),
            String.valueOf(a.purposeEn()),
            String.join(",", a.categories()),
            a.recipientAgency(),
            a.dataProvider(),
            a.lawfulBasis(),
            Integer.toString(a.retentionDays()));
    return Digests.sha256(content);
  }
}
