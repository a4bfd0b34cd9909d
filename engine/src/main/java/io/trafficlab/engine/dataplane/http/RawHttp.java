package io.trafficlab.engine.dataplane.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import java.nio.charset.StandardCharsets;

/**
 * Writes a whole HTTP/1.1 message (start line, headers, body) into one pooled buffer, the bytes
 * Netty's {@code HttpObjectEncoder} writes for the same {@code FullHttpMessage} built by
 * {@link Messages#toNetty}, without building that message, its header map and the two buffers the
 * encoder writes separately. The framing is ours: {@code transfer-encoding}, {@code content-length}
 * and {@code connection} of the message are dropped, {@code content-length} is appended (except
 * where a response has no body by definition) and a response says {@code connection: close}
 * when the connection ends. Header names must be tokens and values must not break the line: anything else throws
 * {@link IllegalArgumentException}, as Netty's validating headers do.
 *
 * <p>The buffer goes out through {@link #HANDLER_NAME}, a pass-through handler placed right after
 * TLS, so it skips the HTTP encoder of the pipeline (which only ever sees the aggregator's own
 * replies, or requests whose response framing the client codec must learn: HEAD, CONNECT).
 */
final class RawHttp {
  /** Name of the pipeline handler raw messages are written from. */
  static final String HANDLER_NAME = "raw";
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] SP = {' '};
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] HTTP11 = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SP_HTTP11_CRLF = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final java.util.concurrent.atomic.AtomicReferenceArray<byte[]> STATUS_LINES =
      new java.util.concurrent.atomic.AtomicReferenceArray<>(1000);

  private RawHttp() {}

  /** The pass-through handler raw writes start from. */
  static ChannelDuplexHandler handler() {
    return new ChannelDuplexHandler();
  }

  /** Writes {@code buf} from the raw handler's position, past the HTTP codec. */
  static io.netty.channel.ChannelFuture writeAndFlush(ChannelHandlerContext anyInPipeline, ByteBuf buf) {
    ChannelHandlerContext raw = anyInPipeline.pipeline().context(HANDLER_NAME);
    return (raw != null ? raw : anyInPipeline).writeAndFlush(buf);
  }

  /**
   * A response. No body for {@code HEAD} requests and for 1xx (a 101 only with {@code sec-websocket-version}), 204, 205 and
   * 304; then 1xx and 204 carry no {@code content-length} and 205 {@code content-length: 0}
   * (RFC 9110, as Netty's server codec does).
   */
  static ByteBuf response(ByteBufAllocator alloc, ResponseMessage m, boolean keepAlive, boolean headRequest) {
    int status = m.status();
    HttpResponseStatus s = HttpResponseStatus.valueOf(status);
    boolean informational = s.codeClass() == HttpStatusClass.INFORMATIONAL;
    boolean alwaysEmpty = headRequest || (informational
        && (status != 101 || m.headers().contains("sec-websocket-version")))
        || status == 204 || status == 205 || status == 304;
    byte[] body = m.bodyView();
    Head head = new Head(estimate(m.headers(), 64));
    head.bytes(statusLine(s));
    writeHeaders(head, m.headers(), true);
    boolean noLength = alwaysEmpty && (informational || status == 204);
    boolean zeroLength = alwaysEmpty && status == 205;
    if (!noLength && !zeroLength) {
      head.header("content-length", Integer.toString(body.length));
    }
    if (!keepAlive) {
      head.header("connection", "close");
    }
    if (zeroLength) {
      head.header("content-length", "0");
    }
    head.bytes(CRLF);
    return head.toBuffer(alloc, alwaysEmpty ? EMPTY : body);
  }

  /**
   * A request: {@code content-length} when there is a body or the message had one (an empty POST
   * says {@code content-length: 0}). The target is written as Netty writes it (UTF-8, a missing
   * path of an absolute URI becomes {@code /}).
   */
  static ByteBuf request(ByteBufAllocator alloc, RequestMessage m) {
    byte[] body = m.bodyView();
    byte[] target = target(m.uri()).getBytes(StandardCharsets.UTF_8);
    Head head = new Head(estimate(m.headers(), m.method().length() + target.length + 16));
    head.ascii(m.method());
    head.bytes(SP).bytes(target).bytes(SP_HTTP11_CRLF);
    boolean hadLength = writeHeaders(head, m.headers(), false);
    if (body.length > 0 || hadLength) {
      head.header("content-length", Integer.toString(body.length));
    }
    head.bytes(CRLF);
    return head.toBuffer(alloc, body);
  }

  /** The start line and headers, built in a heap array (one bulk copy into the buffer after). */
  private static final class Head {
    private byte[] a;
    private int n;

    Head(int capacity) {
      a = new byte[capacity];
    }

    private void room(int more) {
      if (n + more > a.length) {
        a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, n + more));
      }
    }

    Head bytes(byte[] b) {
      room(b.length);
      System.arraycopy(b, 0, a, n, b.length);
      n += b.length;
      return this;
    }

    /** Characters 0-255 as one byte each, others as {@code ?} (Netty's {@code AsciiString.c2b}). */
    void ascii(String s) {
      int len = s.length();
      room(len);
      byte[] dst = a;
      int at = n;
      for (int i = 0; i < len; i++) {
        char c = s.charAt(i);
        dst[at + i] = c2b(c);
      }
      n = at + len;
    }

    /** {@code name: value} and CRLF, checking both while copying. */
    void header(String name, String value) {
      int nl = name.length();
      int vl = value.length();
      if (nl == 0) {
        throw new IllegalArgumentException("empty header name");
      }
      room(nl + vl + 4);
      byte[] dst = a;
      int at = n;
      for (int i = 0; i < nl; i++) {
        char c = name.charAt(i);
        if (c >= 128 || !TOKEN[c]) {
          throw new IllegalArgumentException("invalid header name: " + name);
        }
        dst[at++] = (byte) c;
      }
      dst[at++] = ':';
      dst[at++] = ' ';
      for (int i = 0; i < vl; i++) {
        char c = value.charAt(i);
        if (c == '\r' || c == '\n' || c == 0) {
          throw new IllegalArgumentException("invalid value of header " + name);
        }
        dst[at++] = c2b(c);
      }
      dst[at++] = '\r';
      dst[at++] = '\n';
      n = at;
    }

    ByteBuf toBuffer(ByteBufAllocator alloc, byte[] body) {
      return alloc.buffer(n + body.length).writeBytes(a, 0, n).writeBytes(body);
    }
  }

  /** Methods whose responses the client codec must frame itself (it learns them from its encoder). */
  static boolean needsCodec(String method) {
    return method.equals("HEAD") || method.equals("CONNECT");
  }

  private static String target(String uri) {
    if (uri.isEmpty()) {
      return "/";
    }
    int start = uri.indexOf("://");
    if (start == -1 || uri.charAt(0) == '/') {
      return uri;
    }
    start += 3;
    int q = uri.indexOf('?', start);
    if (q == -1) {
      return uri.lastIndexOf('/') < start ? uri + "/" : uri;
    }
    return uri.lastIndexOf('/', q) < start ? uri.substring(0, q) + "/" + uri.substring(q) : uri;
  }

  private static byte[] statusLine(HttpResponseStatus s) {
    int code = s.code();
    boolean cached = code >= 0 && code < STATUS_LINES.length();
    byte[] line = cached ? STATUS_LINES.get(code) : null;
    if (line == null) {
      String text = s.codeAsText() + " " + s.reasonPhrase();
      line = new byte[HTTP11.length + text.length() + 2];
      System.arraycopy(HTTP11, 0, line, 0, HTTP11.length);
      for (int i = 0; i < text.length(); i++) {
        line[HTTP11.length + i] = c2b(text.charAt(i));
      }
      line[line.length - 2] = '\r';
      line[line.length - 1] = '\n';
      if (cached) {
        STATUS_LINES.set(code, line); // a race only computes the same bytes twice
      }
    }
    return line;
  }

  private static int estimate(Headers headers, int extra) {
    int n = extra + 48;
    for (Headers.Entry e : headers.entries()) {
      n += e.name().length() + e.value().length() + 4;
    }
    return n;
  }

  /**
   * Writes every header but the framing ones ({@code connection} too for a response); true when
   * the message had a content-length.
   */
  private static boolean writeHeaders(Head head, Headers headers, boolean response) {
    boolean hadLength = false;
    java.util.List<Headers.Entry> all = headers.entries();
    for (int i = 0, size = all.size(); i < size; i++) {
      Headers.Entry e = all.get(i);
      String n = e.name();
      if (n.equals("content-length")) {
        hadLength = true;
      } else if (!n.equals("transfer-encoding") && !(response && n.equals("connection"))) {
        head.header(n, e.value());
      }
    }
    return hadLength;
  }

  private static byte c2b(char c) {
    return (byte) (c > 255 ? '?' : c);
  }

  /** RFC 9110 token characters (header names). */
  private static final boolean[] TOKEN = new boolean[128];

  static {
    for (char c = '!'; c < 127; c++) {
      TOKEN[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
  }
}
