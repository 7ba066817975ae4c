package org.saphan.sandbox.gdx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A refusal answered the way GDX answers: an HTTP status and {@code {"Code","Message"}}. */
public final class GdxError extends RuntimeException {

  /** DOPA Linkage: no such record. */
  public static final String NOT_FOUND = "00001";

  /** DOPA Linkage: the officer has not confirmed DOPA access (no GovAMI session). */
  public static final String AGENT_NOT_AVAILABLE = "90001";

  /** Laser check: the card is void since the holder's address changed. */
  public static final String CARD_VOID = "[2]";

  /** Laser check: no such laser code for this citizen, or the data do not match. */
  public static final String LASER_NOT_FOUND = "[4]";

  /** Laser check: a required field is missing. */
  public static final String INCOMPLETE = "[5]";

  private final HttpStatus status;
  private final String code;

  private GdxError(HttpStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  /** 401 with {@code Code} "401". */
  public static GdxError unauthorized(String message) {
    return new GdxError(HttpStatus.UNAUTHORIZED, "401", message);
  }

  /** 400 with {@code Code} "400". */
  public static GdxError badRequest(String message) {
    return new GdxError(HttpStatus.BAD_REQUEST, "400", message);
  }

  /** 404 {@code 00001 ไม่พบข้อมูล}. */
  public static GdxError notFound() {
    return new GdxError(HttpStatus.NOT_FOUND, NOT_FOUND, "ไม่พบข้อมูล");
  }

  /** 403 {@code 90001}. */
  public static GdxError agentNotAvailable() {
    return new GdxError(
        HttpStatus.FORBIDDEN,
        AGENT_NOT_AVAILABLE,
        "เจ้าหน้าที่ยังไม่ได้ยืนยันตัวตนเพื่อใช้งานระบบ DOPA (AgentNotAvailable)");
  }

  /** 503, the service is down. */
  public static GdxError unavailable() {
    return new GdxError(HttpStatus.SERVICE_UNAVAILABLE, "503", "Service Unavailable");
  }

  /** 500 with the given code. */
  public static GdxError serverError(String code, String message) {
    return new GdxError(HttpStatus.INTERNAL_SERVER_ERROR, code, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The JSON body: {@code {"Code": ..., "Message": ...}}. */
  public Map<String, String> body() {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("Code", code);
    body.put("Message", getMessage());
    return body;
  }
}
