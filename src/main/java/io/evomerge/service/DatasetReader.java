package io.evomerge.service;

import io.evomerge.data.Example;
import io.evomerge.data.ExampleReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the examples of a data set file for a bmm session (the job wires the project's JSON
 * Lines reader here). A bad file is an exception whose message names the line; the session
 * request then gets a 400 with that message.
 */
@FunctionalInterface
public interface DatasetReader {

  static DatasetReader jsonLines() {
    return file -> ExampleReader.of().read(file);
  }

  List<Example> read(Path file) throws IOException;
}
