package io.evomerge.service;

/**
 * What happens to one request: an added latency and at most one fault. Immutable.
 *
 * @param kind the fault, {@link Kind#NONE} for none
 * @param latencyMs spent holding the concurrency slot before the request is served
 */
record Fault(Kind kind, long latencyMs) {

  static final Fault NONE = new Fault(Kind.NONE, 0);

  enum Kind {
    NONE(""), HTTP_500("http_500"), HTTP_503("http_503"), HTTP_429("http_429"),
    HANG("hang"), TRUNCATE("truncated_body"), GARBAGE("non_json_body");

    private final String statName;

    Kind(String statName) {
      this.statName = statName;
    }

    String statName() {
      return statName;
    }
  }
}
