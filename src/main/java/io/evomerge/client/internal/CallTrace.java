package io.evomerge.client.internal;

import okhttp3.Call;
import okhttp3.EventListener;

/**
 * What one HTTP attempt did on the wire, as OkHttp's events tell it: whether it opened a
 * connection of its own (or reused a pooled one), and whether any byte of an answer came back.
 * An attempt that failed on a reused connection before any answer byte never reached a live
 * server: the server had closed the connection (HTTP/1.0 servers close every one; uvicorn closes
 * idle ones after 5 s). Attach one to a request with {@code tag(CallTrace.class, trace)}.
 */
public final class CallTrace extends EventListener {

  private volatile boolean connected;
  private volatile boolean answerStarted;

  /** OkHttp's factory: the trace tagged on the call's request, or a listener that does nothing. */
  public static final EventListener.Factory FACTORY = call -> {
    CallTrace trace = call.request().tag(CallTrace.class);
    return trace != null ? trace : EventListener.NONE;
  };

  @Override
  public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
    connected = true;
  }

  @Override
  public void responseHeadersStart(Call call) {
    answerStarted = true;
  }

  /** Whether the attempt failed where only a dead pooled connection can be to blame. */
  public boolean failedOnStaleConnection() {
    return !connected && !answerStarted;
  }
}
