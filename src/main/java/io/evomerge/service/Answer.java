package io.evomerge.service;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;

/**
 * The answer to one exchange: counts it in the stats under its route and status just before
 * sending, so a client that has its answer also finds it counted. Not thread-safe (one per
 * exchange).
 */
final class Answer {

  private static final System.Logger LOG = System.getLogger(Answer.class.getName());

  private final HttpExchange exchange;
  private final Stats stats;
  private String label = "unmatched";
  private boolean counted = true;

  Answer(HttpExchange exchange, Stats stats) {
    this.exchange = exchange;
    this.stats = stats;
  }

  void route(Route route) {
    label = route.label();
    counted = route.access() != Route.Access.STATS;
  }

  String label() {
    return label;
  }

  HttpExchange exchange() {
    return exchange;
  }

  /** Sends {@code length} of {@code body}'s bytes under a header announcing all of them. */
  void send(int status, String type, byte[] body, int length) {
    if (counted) {
      stats.call(label, status);
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      OutputStream out = exchange.getResponseBody();
      out.write(body, 0, length);
      out.flush();
      if (length < body.length) {
        out.close();
      }
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "answer not delivered: " + e.getMessage());
    }
  }
}
