package io.trafficlab.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that fills in the CSRF token the way a browser form would. */
public final class TestBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");
  private final CookieManager cookies;
  private final HttpClient http;
  private final int port;
  private String csrf = "";

  public TestBrowser(int port) {
    this(port, new CookieManager());
  }

  private TestBrowser(int port, CookieManager cookies) {
    this.port = port;
    this.cookies = cookies;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** The same browser (its cookies and the last page's CSRF token) talking to another server, e.g. a second web node. */
  public TestBrowser sameBrowserOn(int otherPort) {
    TestBrowser same = new TestBrowser(otherPort, cookies);
    same.csrf = csrf;
    return same;
  }

  public HttpResponse<String> get(String path) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** Posts a form with the page's CSRF token (as a form on the page would). */
  public HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    Map<String, String> f = new LinkedHashMap<>(form);
    f.putIfAbsent("_csrf", csrf);
    return postRaw(path, f);
  }

  public HttpResponse<String> postRaw(String path, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** Posts a multipart form with one file, adding the page's CSRF token as a field. */
  public HttpResponse<String> postFile(String path, String field, String filename, byte[] content) throws Exception {
    String boundary = "----trafficlab" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
        + "\"\r\nContent-Type: application/zip\r\n\r\n";
    body.write(head.getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    Matcher m = CSRF.matcher(r.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return r;
  }

  /** The cookie jar, for requests this client cannot shape (repeated form fields). */
  public CookieManager cookies() {
    return cookies;
  }

  public String csrf() {
    return csrf;
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
