package io.trafficlab.web.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.trafficlab.web.TestBrowser;
import io.trafficlab.web.WebApp;
import io.trafficlab.web.WebDeps;
import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in and sign-up are rate-limited per client address and per e-mail address, over HTTP. Other
 * client addresses are real: requests leave from 127.0.0.2, 127.0.0.3, ... (all loopback).
 */
class AccountLimitsTest {
  static final AtomicInteger DBS = new AtomicInteger();
  static final String PASSWORD = "correct horse battery";
  Database db;
  Javalin app;

  @BeforeEach
  void start() {
    db = Database.open(Database.h2MemoryUrl("accountlimits" + DBS.incrementAndGet()), null, null);
    app = WebApp.create(new WebDeps(db, PackCatalog.load(List.of()), Templates.create(), new Passwords(4),
        Optional.empty(), Clock.systemUTC())).start(0);
    new UserRepository(db.dataSource()).create("ada@example.com", "Ada", new Passwords(4).hash(PASSWORD), Role.LEARNER);
  }

  @AfterEach
  void stop() {
    app.stop();
    db.close();
  }

  @Test
  void aPasswordGuesserGets429AndTheOwnerStillSignsInFromAnotherAddress() throws Exception {
    Client guesser = new Client("127.0.0.1");
    for (int i = 0; i < AccountLimits.SIGN_IN_PER_ADDRESS; i++) {
      assertThat(guesser.signIn("ada@example.com", "guess number " + i).status).as("guess %d", i).isEqualTo(401);
    }

    Answer refused = guesser.signIn("ada@example.com", "guess number 99");
    assertThat(refused.status).isEqualTo(429);
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 30L);
    assertThat(refused.body).contains("Too many failed sign-ins from your network.")
        .containsPattern("wait [0-9]+ seconds and try again").contains("value=\"ada@example.com\"")
        .contains("<h1>Sign in</h1>");
    assertThat(guesser.signIn("ada@example.com", PASSWORD).status)
        .as("the guesser cannot try the right password either").isEqualTo(429);

    Answer owner = new Client("127.0.0.2").signIn("ada@example.com", PASSWORD);
    assertThat(owner.status).isEqualTo(303);
    assertThat(owner.header("Set-Cookie")).startsWith("tl_session=");
  }

  @Test
  void guessingOneAccountFromManyAddressesIsStoppedByTheAccountLimit() throws Exception {
    int perAddress = AccountLimits.SIGN_IN_PER_ADDRESS;
    int addresses = AccountLimits.SIGN_IN_PER_EMAIL / perAddress;
    for (int a = 0; a < addresses; a++) {
      Client c = new Client("127.0.0." + (10 + a));
      for (int i = 0; i < perAddress; i++) {
        assertThat(c.signIn("ADA@example.com", "guess " + a + "/" + i).status).isEqualTo(401);
      }
    }

    Client fresh = new Client("127.0.0.99");
    Answer refused = fresh.signIn("ada@example.com", "one more guess");
    assertThat(refused.status).isEqualTo(429);
    assertThat(refused.body).contains("Too many failed sign-ins for this account.");
    assertThat(fresh.signIn("bob@example.com", "a guess at another account").status)
        .as("that address may still try other accounts").isEqualTo(401);
  }

  @Test
  void successfulSignInsAreNotCounted() throws Exception {
    Client classroom = new Client("127.0.0.1");
    for (int i = 0; i < 3 * AccountLimits.SIGN_IN_PER_ADDRESS; i++) {
      assertThat(classroom.signIn("ada@example.com", PASSWORD).status).as("sign-in %d", i).isEqualTo(303);
    }
    for (int i = 0; i < AccountLimits.SIGN_IN_PER_ADDRESS; i++) {
      assertThat(classroom.signIn("ada@example.com", "typo " + i).status).isEqualTo(401);
    }
    assertThat(classroom.signIn("ada@example.com", "typo").status).isEqualTo(429);
  }

  @Test
  void signUpsAreLimitedPerAddressAndFormMistakesDoNotCount() throws Exception {
    for (int i = 0; i < 30; i++) {
      TestBrowser b = new TestBrowser(app.port());
      b.get("/signup");
      assertThat(b.post("/signup", Map.of("email", "typo" + i + "@example.com", "displayName", "T", "password", "short"))
          .statusCode()).isEqualTo(400);
    }
    for (int i = 0; i < AccountLimits.SIGN_UP_PER_ADDRESS; i++) {
      TestBrowser b = new TestBrowser(app.port());
      b.get("/signup");
      assertThat(b.post("/signup", Map.of("email", "learner" + i + "@example.com", "displayName", "L" + i,
          "password", PASSWORD, "next", "/")).statusCode()).as("sign-up %d", i).isEqualTo(303);
    }

    TestBrowser last = new TestBrowser(app.port());
    last.get("/signup");
    HttpResponse<String> refused = last.post("/signup", Map.of("email", "one-more@example.com",
        "displayName", "One <more>", "password", PASSWORD, "next", "/"));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("Too many sign-ups from your network.")
        .contains("value=\"one-more@example.com\"").contains("value=\"One &lt;more>\"");
    assertThat(new UserRepository(db.dataSource()).findByEmail("one-more@example.com")).isEmpty();
    assertThat(new Client("127.0.0.2").signUp("elsewhere@example.com").status).isEqualTo(303);
  }

  /** An HTTP answer read off a raw socket. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
    }
  }

  /**
   * A browser at a given loopback address: it binds its sockets there, keeps the anonymous CSRF
   * cookie and sends the token the way the sign-in form does.
   */
  final class Client {
    private final InetAddress local;

    Client(String address) throws IOException {
      this.local = InetAddress.getByName(address);
    }

    Answer signIn(String email, String password) throws IOException {
      return postForm("/signin", Map.of("email", email, "password", password, "next", "/"));
    }

    Answer signUp(String email) throws IOException {
      return postForm("/signup", Map.of("email", email, "displayName", "E", "password", PASSWORD, "next", "/"));
    }

    private Answer postForm(String path, Map<String, String> fields) throws IOException {
      Answer form = send("GET " + path + " HTTP/1.1", "", null);
      Matcher cookie = Pattern.compile("tl_csrf=([^;]+)").matcher(form.header("Set-Cookie"));
      Matcher token = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(form.body);
      assertThat(cookie.find() && token.find()).as("the form gave a CSRF cookie and token").isTrue();
      Map<String, String> all = new LinkedHashMap<>(fields);
      all.put("_csrf", token.group(1));
      String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
          .collect(Collectors.joining("&"));
      return send("POST " + path + " HTTP/1.1", body, "tl_csrf=" + cookie.group(1));
    }

    private Answer send(String requestLine, String body, String cookie) throws IOException {
      try (Socket s = new Socket()) {
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), app.port()), 5_000);
        s.setSoTimeout(10_000);
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost:").append(app.port())
            .append("\r\nConnection: close\r\n");
        if (cookie != null) {
          head.append("Cookie: ").append(cookie).append("\r\n");
        }
        if (!body.isEmpty()) {
          head.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ").append(payload.length)
              .append("\r\n");
        }
        OutputStream out = s.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
        out.flush();
        return parse(readAll(s.getInputStream()));
      }
    }
  }

  static Answer parse(String raw) {
    int end = raw.indexOf("\r\n\r\n");
    String[] lines = raw.substring(0, end).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = lines[i].substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
      String value = lines[i].substring(colon + 1).strip();
      if (name.equals("set-cookie")) {
        cookies.add(value);
      } else {
        headers.put(name, value);
      }
    }
    headers.put("set-cookie", String.join("\n", cookies));
    return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    return buf.toString(StandardCharsets.UTF_8);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
