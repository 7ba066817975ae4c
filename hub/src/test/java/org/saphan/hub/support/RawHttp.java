package org.saphan.hub.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send: raw request targets with
 * {@code ;}, {@code %2F}, backslashes or dot segments, broken header bytes, huge headers. The body
 * is written by another thread while the answer is read, because the server may answer (and stop
 * reading) before the body is through.
 */
public final class RawHttp {

  /** A parsed answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /** Sends {@code head} (request line and headers, ending in an empty line) with no body. */
  public static Answer send(int port, String head) throws IOException {
    return send(port, head.getBytes(StandardCharsets.ISO_8859_1), null, false);
  }

  /**
   * Sends {@code head} and then {@code body}, chunked (64 KiB chunks) or as is; {@code head} must
   * announce the body accordingly.
   */
  public static Answer send(int port, byte[] head, byte[] body, boolean chunked)
      throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(head);
                  if (body != null) {
                    writeBody(out, body, chunked);
                  }
                  out.flush();
                } catch (IOException e) {
                  // The server answered and stopped reading: the answer is what the test checks.
                }
              },
              "raw-http-writer");
      writer.setDaemon(true);
      writer.start();
      return read(socket.getInputStream());
    }
  }

  private static void writeBody(OutputStream out, byte[] body, boolean chunked) throws IOException {
    if (!chunked) {
      out.write(body);
      return;
    }
    int chunk = 64 * 1024;
    for (int offset = 0; offset < body.length; offset += chunk) {
      int length = Math.min(chunk, body.length - offset);
      out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body, offset, length);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  private static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; ) {
        all.write(in.readNBytes(size));
        line(in);
        size = Integer.parseInt(line(in).trim(), 16);
      }
      body = all.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0; b = in.read()) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
