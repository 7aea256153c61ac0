package io.evomerge.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evomerge.protocol.BmmErrorResponse;
import io.evomerge.protocol.ErrorResponse;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer: writes the answer once, counts it in the stats under its route and
 * status just before sending (so a client that has its answer also finds it counted), and closes
 * the request's admission ticket when the answer is done. Thread-safe: the first answer wins,
 * later ones are dropped.
 */
final class Exchange {

  private static final String JSON = "application/json; charset=utf-8";
  private static final byte[] GARBAGE =
      "<html><body>502 upstream hiccup</body></html>".getBytes(StandardCharsets.UTF_8);

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Stats stats;
  private final Linger linger;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final AtomicBoolean completed = new AtomicBoolean();
  private volatile Route route;
  private volatile Admission.Ticket ticket;
  private volatile boolean bodyUnread = true;
  private volatile Throwable failure;
  private volatile boolean pipelined;
  private final ByteBuffer probe = ByteBuffer.allocate(1);

  Exchange(Request request, Response response, Callback callback, Stats stats, Linger linger) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.stats = stats;
    this.linger = linger;
  }

  /**
   * How a refused upload is let go: its answer is sent at once and the connection closes after
   * it. Closing a socket with unread bytes resets it, which can cost a client that sent a small
   * body its answer; so the service first drops what has already arrived, and what arrives next
   * for at most {@code millis} and {@code bytes} (a lingering close, as Apache's and nginx's),
   * holding nothing and no thread. A large refused body is not read: a client that keeps sending
   * after its answer sees the connection reset, after the answer.
   */
  record Linger(long millis, long bytes, ScheduledExecutorService timers) {}

  /** Remembers that the connection failed under the request (the client has gone). */
  void failed(Throwable why) {
    failure = why;
  }

  /**
   * Whether the client is still there. Jetty does not read a connection while its request is
   * being handled, so a client that closed is not noticed until the answer is written; once the
   * body has been read, this asks the socket itself (a non-blocking read of one byte: -1 is the
   * client's close). A client that sent more bytes meanwhile (pipelining) is served, then its
   * connection is closed, since a byte of its next request was taken.
   */
  boolean clientThere() {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    if (failure != null || !endPoint.isOpen()) {
      return false;
    }
    if (bodyUnread || !(endPoint instanceof SocketChannelEndPoint socket)) {
      return true;
    }
    synchronized (probe) {
      try {
        probe.clear();
        int n = socket.getChannel().read(probe);
        if (n > 0) {
          pipelined = true;
        }
        return n >= 0;
      } catch (IOException e) {
        return false;
      }
    }
  }

  void route(Route r) {
    route = r;
  }

  String label() {
    return route == null ? "unmatched" : route.label();
  }

  /** The admission ticket to close once the answer is sent (or the exchange has failed). */
  void onDone(Admission.Ticket t) {
    ticket = t;
  }

  void bodyRead() {
    bodyUnread = false;
  }

  boolean bodyUnread() {
    return bodyUnread;
  }

  /** The reply, or what the injected {@code fault} makes of it (garbage, or cut in half). */
  void reply(Route.Reply reply, Fault.Kind fault) {
    byte[] json = json(reply.body());
    switch (fault) {
      case GARBAGE -> send(200, "text/html; charset=utf-8", GARBAGE, -1);
      case TRUNCATE -> send(reply.status(), JSON, json, json.length / 2);
      default -> send(reply.status(), JSON, json, -1);
    }
  }

  /** An error, in the shape of the route's dialect. */
  void error(ApiError error) {
    if (answered.get()) {
      return;
    }
    if (error.retryAfterSeconds() > 0) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(error.retryAfterSeconds()));
    }
    if (error.status() == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
    }
    if (route != null && route.bmm()) {
      bmmError(error);
    } else {
      send(error.status(), JSON, json(ErrorResponse.of(error.code(), error.getMessage())), -1);
    }
  }

  /**
   * FastAPI's shapes: a 400 is a 422 with a {@code detail} list naming the field; a crash inside
   * the service (500) is bare text; anything else {@code {"detail": "..."}}.
   */
  private void bmmError(ApiError error) {
    if (error.status() == 500) {
      send(500, "text/plain; charset=utf-8", "Internal Server Error".getBytes(StandardCharsets.UTF_8), -1);
      return;
    }
    if (error.status() == 400) {
      ArrayNode detail = Json.mapper().createArrayNode();
      ObjectNode item = detail.addObject();
      ArrayNode loc = item.putArray("loc").add("body");
      String field = error.field() == null ? "" : error.field();
      for (String part : field.split("[.\\[\\]]+")) {
        if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) {
          loc.add(Integer.parseInt(part));
        } else if (!part.isEmpty()) {
          loc.add(part);
        }
      }
      item.put("msg", error.getMessage());
      item.put("type", error.code());
      send(422, JSON, json(new BmmErrorResponse(detail)), -1);
      return;
    }
    send(error.status(), JSON, json(BmmErrorResponse.of(error.getMessage())), -1);
  }

  void abandon(Throwable why) {
    if (answered.compareAndSet(false, true)) {
      done();
      // An end-of-file failure is a quiet one for Jetty: it closes the connection without an error page.
      EofException quiet = new EofException(why.getMessage());
      quiet.initCause(why);
      callback.failed(quiet);
    }
  }

  private void send(int status, String type, byte[] body, int cut) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    try {
      write(status, type, body, cut);
    } catch (IllegalStateException e) {
      // The exchange ended under us (the client left, the idle timeout, the service stopping).
      done();
      callback.failed(e);
    }
  }

  private void write(int status, String type, byte[] body, int cut) {
    if (route == null || route.access() != Route.Access.STATS) {
      stats.call(label(), status);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean lingering = bodyUnread && request.getLength() != 0 && !"GET".equals(request.getMethod());
    if (pipelined || lingering) {
      // A refused body is never read into memory: the connection closes after the answer.
      response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
    }
    Consumer<Throwable> failed = failure -> {
      done();
      callback.failed(failure);
    };
    if (cut >= 0) {
      response.write(false, ByteBuffer.wrap(body, 0, cut), Callback.from(
          () -> failed.accept(new IOException("injected fault: truncated answer")), failed));
      return;
    }
    response.write(true, ByteBuffer.wrap(body), Callback.from(() -> {
      done();
      if (lingering) {
        linger();
      } else {
        callback.succeeded();
      }
    }, failed));
  }

  private void linger() {
    linger.timers().schedule(this::complete, linger.millis(), TimeUnit.MILLISECONDS);
    discard(0);
  }

  /** Reads and drops what the client still sends, until its end, the byte cap or a failure. */
  private void discard(long seen) {
    long total = seen;
    while (!completed.get()) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        long sofar = total;
        request.demand(() -> discard(sofar));
        return;
      }
      total += chunk.remaining();
      boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
      chunk.release();
      if (last || total > linger.bytes()) {
        complete();
        return;
      }
    }
  }

  private void complete() {
    if (completed.compareAndSet(false, true)) {
      callback.succeeded();
    }
  }

  private void done() {
    Admission.Ticket t = ticket;
    ticket = null;
    if (t != null) {
      t.close();
    }
  }

  static byte[] json(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
