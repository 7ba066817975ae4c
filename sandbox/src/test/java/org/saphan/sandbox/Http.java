package org.saphan.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the tests: never follows redirects, so tests see them. */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  public static HttpResponse<String> get(String url, String... headers) {
    return send(request(url, headers).GET().build());
  }

  public static HttpResponse<String> head(String url) {
    return send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  public static HttpResponse<String> post(
      String url, String contentType, String body, String... headers) {
    HttpRequest.Builder builder = request(url, headers);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  public static HttpResponse<String> postJson(String url, String json) {
    return post(url, "application/json", json);
  }

  public static HttpResponse<String> putJson(String url, String json) {
    return send(
        request(url)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static HttpRequest.Builder request(String url, String... headers) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      builder.headers(headers);
    }
    return builder;
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
