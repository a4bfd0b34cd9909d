package io.trafficlab.web.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trafficlab.labs.pack.ExerciseParser;
import io.trafficlab.labs.pack.PackLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Helpers of the hostile-input tests: raw HTTP for what a polite client refuses to send, and checks. */
final class Hostile {
  static final String PACK = "istio-traffic-management";
  static final ObjectMapper JSON = new ObjectMapper();

  private Hostile() {}

  /** The reference solution of a built-in exercise (variant 0), which scores 100 %. */
  static String solution(String exercise) {
    var src = new PackLoader().load(Path.of("../content/packs/" + PACK)).pack().exercise(exercise).orElseThrow();
    return new ExerciseParser().parse(PACK, src, 0).exercise().solution();
  }

  /** A response read off a raw socket: status and everything after the header block. */
  record Raw(int status, String head, String body) {}

  /**
   * Writes {@code request} as it is (the server may stop reading early: a write error is then
   * expected) and reads the answer until the server closes the connection.
   */
  static Raw raw(int port, byte[] request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException refusedEarly) {
        // the server answered and closed before the whole body was sent: read what it said
      }
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
      } catch (java.net.SocketException reset) {
        // a reset after the response is fine; an empty answer fails below
      }
      String text = got.toString(StandardCharsets.ISO_8859_1);
      assertThat(text).as("an HTTP answer").startsWith("HTTP/1.1 ");
      int end = text.indexOf("\r\n\r\n");
      return new Raw(Integer.parseInt(text.substring(9, 12)), text.substring(0, Math.max(0, end)),
          end < 0 ? "" : new String(got.toByteArray(), end + 4, got.size() - end - 4, StandardCharsets.UTF_8));
    }
  }

  /** A request head (HTTP/1.1, Connection: close) in bytes, with extra raw header lines. */
  static byte[] head(String method, String path, long contentLength, String contentType, byte[]... headerLines) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
    if (contentType != null) {
      b.writeBytes(("Content-Type: " + contentType + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    if (contentLength >= 0) {
      b.writeBytes(("Content-Length: " + contentLength + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
    for (byte[] h : headerLines) {
      b.writeBytes(h);
      b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return b.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** No stack trace, exception class or framework internals leak to the client. */
  static void assertNoInternals(String body) {
    assertThat(body).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("at io.trafficlab")
        .doesNotContain("at java.").doesNotContain("org.eclipse.jetty").doesNotContain("internal_error");
  }

  /** The API's error shape: status, a machine code and a human message. */
  static JsonNode assertApiError(int status, String body, int expectedStatus, String code) throws IOException {
    assertNoInternals(body);
    assertThat(status).as(body).isEqualTo(expectedStatus);
    JsonNode j = JSON.readTree(body);
    assertThat(j.path("status").asInt()).isEqualTo(expectedStatus);
    assertThat(j.path("code").asText()).isEqualTo(code);
    assertThat(j.path("message").asText()).isNotBlank();
    return j;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String repeat(String s, int n) {
    return s.repeat(n);
  }
}
