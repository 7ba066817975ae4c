package org.saphan.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.saphan.catalog.ConnectorCard;
import org.saphan.catalog.IntegrationModel;
import org.saphan.catalog.roadmap.RoadmapService;
import org.saphan.hub.error.ErrorCode;
import org.saphan.hub.error.SaphanException;
import org.saphan.hub.services.ServiceDirectory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service catalog the portal shows: every roadmap service, searchable in Thai and English, with
 * its integration model and what a citizen can do online ({@code Accept-Language: th|en}).
 */
@RestController
@RequestMapping(path = "/api/v1/services", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Service catalog",
    description =
        "Every service of the portal's roadmap, with its integration model (0 information, 1"
            + " link-out, 2 link-out with single sign-on, 3 application shared with the agency, 4"
            + " application worked in the hub's back office) and what a citizen can do online. Open"
            + " without a token. Texts are in Thai, or in English with `Accept-Language: en`.")
public class ServicesController {

  static final int MAX_PAGE_SIZE = 100;

  private final ServiceDirectory directory;
  private final Clock clock;

  public ServicesController(ServiceDirectory directory, Clock clock) {
    this.directory = directory;
    this.clock = clock;
  }

  @Operation(
      operationId = "listServices",
      summary = "Search the service catalog",
      description =
          "A page of services in roadmap order, filtered by every parameter given (all of them"
              + " must match; texts match case-insensitively as parts). `q` searches the Thai and"
              + " English service and agency names, the agency code and the connector name. Each"
              + " item has the service `id` (roadmap id such as `1-001`; the"
              + " `connector` name where a connector card implements it), `name` in the answer's"
              + " `language` (`nameLanguage: th` and `englishNameMissing` when an English name is"
              + " asked for but missing), `agency`, `ministry`, `targetGroup`, roadmap `phase`"
              + " and integration `model`.")
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  @GetMapping
  Map<String, Object> list(
      @Parameter(description = "Agency code.", example = "dcy")
          @RequestParam(name = "agency", required = false)
          String agency,
      @Parameter(description = "Part of the ministry name, Thai or English.")
          @RequestParam(name = "ministry", required = false)
          String ministry,
      @Parameter(description = "Part of the target group, Thai or English.", example = "children")
          @RequestParam(name = "targetGroup", required = false)
          String targetGroup,
      @Parameter(
              description = "Roadmap phase (as in the roadmap file, or its id prefix).",
              example = "1")
          @RequestParam(name = "phase", required = false)
          String phase,
      @Parameter(description = "Integration model, 0 to 4.", example = "3")
          @RequestParam(name = "model", required = false)
          Integer model,
      @Parameter(description = "Free text, at most 200 characters.", example = "newborn")
          @RequestParam(name = "q", required = false)
          String text,
      @Parameter(description = "Page number, from 0.")
          @RequestParam(name = "page", defaultValue = "0")
          int page,
      @Parameter(description = "Page size, 1 to " + MAX_PAGE_SIZE + ".")
          @RequestParam(name = "size", defaultValue = "20")
          int size,
      @Parameter(description = "`en` for English texts; Thai otherwise.", example = "en")
          @RequestHeader(name = "Accept-Language", required = false)
          String acceptLanguage) {
    if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw SaphanException.validation(
          ErrorCode.VALIDATION_FAILED, "page must be ≥ 0 and size between 1 and " + MAX_PAGE_SIZE);
    }
    if (model != null && (model < 0 || model > 4)) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "model must be 0 to 4");
    }
    if (text != null && text.length() > 200) {
      throw SaphanException.validation(ErrorCode.VALIDATION_FAILED, "q is at most 200 characters");
    }
    Lang lang = Lang.of(acceptLanguage);
    ServiceDirectory.Page result =
        directory.list(
            new ServiceDirectory.Query(
                blankToNull(agency),
                blankToNull(ministry),
                blankToNull(targetGroup),
                blankToNull(phase),
                model,
                blankToNull(text),
                page,
                size));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("language", lang.code);
    body.put("page", result.page());
    body.put("size", result.size());
    body.put("total", result.total());
    body.put("items", result.items().stream().map(e -> summary(e, lang)).toList());
    return body;
  }

  @Operation(
      operationId = "getService",
      summary = "One service",
      description =
          "The service with what a citizen can do online (`online`: read the information, open"
              + " the agency's e-service, sign in with Digital ID, apply online, track, pay) and,"
              + " where the hub keeps it, its current information: required documents, fee,"
              + " service level in working days, channels, offices and hours, with `information`"
              + " telling where it came from (the agency's information source or the connector"
              + " card), when it was refreshed, and `stale: true` when the last refresh failed."
              + " A service known only from the roadmap answers `information.available: false`.")
  @ApiErrors(ErrorCode.SERVICE_NOT_FOUND)
  @GetMapping("/{id}")
  Map<String, Object> one(
      @Parameter(
              description = "Roadmap service id, or the name of the connector that implements it.",
              example = "1-001")
          @PathVariable("id")
          String id,
      @Parameter(description = "`en` for English texts; Thai otherwise.", example = "en")
          @RequestHeader(name = "Accept-Language", required = false)
          String acceptLanguage) {
    Lang lang = Lang.of(acceptLanguage);
    ServiceDirectory.Entry entry = directory.get(id);
    Map<String, Object> body = summary(entry, lang);
    body.put("online", online(entry, lang));
    entry
        .info()
        .ifPresentOrElse(
            info -> {
              JsonNode i = info.info();
              body.put("documentsRequired", texts(i.path("documentsRequired"), lang));
              body.put("fee", fee(i.path("fee")));
              body.put(
                  "slaWorkingDays",
                  i.path("slaWorkingDays").isNumber() ? i.get("slaWorkingDays").asInt() : null);
              body.put("channels", i.path("channels"));
              body.put(
                  "offices", i.path("offices").isMissingNode() ? List.of() : i.path("offices"));
              body.put("hours", i.path("hours").isMissingNode() ? null : i.path("hours"));
              Map<String, Object> source = new LinkedHashMap<>();
              source.put("from", info.source());
              source.put("refreshedAt", info.refreshedAt());
              source.put("changedAt", info.changedAt());
              source.put("ageSeconds", ServiceDirectory.age(info, clock).toSeconds());
              if (info.lastError() != null) {
                source.put("lastError", info.lastError());
                source.put("lastErrorAt", info.lastErrorAt());
                source.put("stale", true);
              }
              body.put("information", source);
            },
            () -> body.put("information", Map.of("from", "roadmap", "available", false)));
    return body;
  }

  private Map<String, Object> summary(ServiceDirectory.Entry entry, Lang lang) {
    RoadmapService s = entry.roadmap();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", s.id());
    entry.card().ifPresent(card -> view.put("connector", card.name()));
    view.put("name", lang.pick(s.name().th(), s.name().en()));
    if (lang == Lang.EN && s.name().en() == null) {
      view.put("nameLanguage", "th");
      view.put("englishNameMissing", true);
    }
    view.put("nameTh", s.name().th());
    view.put(
        "agency",
        Map.of("code", s.agency().code(), "name", lang.pick(s.agency().th(), s.agency().en())));
    view.put("ministry", lang.pick(s.ministry().th(), s.ministry().en()));
    view.put("targetGroup", lang.pick(s.targetGroup().th(), s.targetGroup().en()));
    // Outside the roadmap a card describes the service itself: no phase.
    view.put("phase", s.inRoadmap() ? s.phase().csvValue() : null);
    view.put("model", entry.model().number());
    view.put("modelName", entry.model().label());
    return view;
  }

  private static List<Map<String, String>> online(ServiceDirectory.Entry entry, Lang lang) {
    List<Map<String, String>> actions = new ArrayList<>();
    IntegrationModel model = entry.model();
    actions.add(
        action("read_information", lang, "อ่านข้อมูลบริการ", "Read the service information"));
    if (model == IntegrationModel.ONE || model == IntegrationModel.TWO) {
      actions.add(
          action(
              "open_agency_eservice",
              lang,
              "ใช้บริการออนไลน์ของหน่วยงาน",
              "Use the agency's e-service"));
    }
    if (model == IntegrationModel.TWO) {
      actions.add(
          action(
              "sign_in_with_digital_id",
              lang,
              "เข้าสู่ระบบด้วย Digital ID",
              "Sign in with Digital ID"));
    }
    if (model == IntegrationModel.THREE || model == IntegrationModel.FOUR) {
      actions.add(action("apply_online", lang, "ยื่นคำขอออนไลน์", "Apply online"));
      actions.add(action("track_status", lang, "ติดตามสถานะคำขอ", "Track the application"));
    }
    boolean fee = entry.card().flatMap(ConnectorCard::payment).isPresent();
    if (fee) {
      actions.add(action("pay_online", lang, "ชำระค่าธรรมเนียมออนไลน์", "Pay the fee online"));
    }
    return actions;
  }

  private static Map<String, String> action(String code, Lang lang, String th, String en) {
    return Map.of("action", code, "label", lang.pick(th, en));
  }

  private static List<String> texts(JsonNode items, Lang lang) {
    List<String> out = new ArrayList<>();
    items.forEach(
        item ->
            out.add(
                item.isTextual()
                    ? item.asText()
                    : lang.pick(item.path("th").asText(null), item.path("en").asText(null))));
    return out;
  }

  private static Map<String, Object> fee(JsonNode fee) {
    if (fee.isMissingNode()) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("amount", fee.path("amount").decimalValue().setScale(2).toPlainString());
    view.put("currency", fee.path("currency").asText("THB"));
    return view;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  /** The two languages of the catalog. */
  enum Lang {
    TH("th"),
    EN("en");

    final String code;

    Lang(String code) {
      this.code = code;
    }

    /** English when the client prefers it; Thai otherwise (the portal's first language). */
    static Lang of(String acceptLanguage) {
      if (acceptLanguage == null) {
        return TH;
      }
      List<Locale.LanguageRange> ranges;
      try {
        ranges = Locale.LanguageRange.parse(acceptLanguage);
      } catch (IllegalArgumentException e) {
        return TH;
      }
      for (Locale.LanguageRange range : ranges) {
        String tag = range.getRange().toLowerCase(Locale.ROOT);
        if (tag.startsWith("en")) {
          return EN;
        }
        if (tag.startsWith("th")) {
          return TH;
        }
      }
      return TH;
    }

    String pick(String th, String en) {
      return this == EN && en != null ? en : th;
    }
  }
}
