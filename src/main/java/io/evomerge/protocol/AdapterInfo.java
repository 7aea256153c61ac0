package io.evomerge.protocol;

import java.io.Serializable;
import java.util.Objects;

/** One adapter of a repository as the merge service describes it ({@code GET /v1/repository}). */
public record AdapterInfo(String id, String task, int rank) implements Serializable {
  public AdapterInfo {
    Objects.requireNonNull(id, "id");
    task = task == null ? "" : task;
    if (rank <= 0) {
      throw new IllegalArgumentException("adapter " + id + ": rank " + rank + " must be > 0");
    }
  }
}
