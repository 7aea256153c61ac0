package io.evomerge.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.evomerge.protocol.Json;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Parses request bodies, turning every problem into a 400 that names the field. A string longer
 * than the service's {@code max_text_chars} stops the parser as soon as it passes the limit, so
 * an 8 MB text costs no 8 MB string. Thread-safe.
 */
final class Bodies {

  private final JsonFactory factory;
  private final int maxTextChars;

  Bodies(int maxTextChars) {
    this.factory = Json.mapper().getFactory().copy();
    factory.setStreamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxTextChars).build());
    this.maxTextChars = maxTextChars;
  }

  <T> T parse(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw ApiError.badJson("request body is empty; expected a JSON object");
    }
    try (JsonParser parser = factory.createParser(body)) {
      return Json.mapper().readValue(parser, type);
    } catch (StreamConstraintsException e) {
      throw tooLong(e);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof StreamConstraintsException && e instanceof JsonMappingException m) {
        throw tooLong(Json.path(m));
      }
      throw describe(e);
    } catch (IOException e) {
      throw ApiError.badJson("request body could not be read: " + e.getMessage());
    }
  }

  private ApiError tooLong(StreamConstraintsException e) {
    return tooLong(e.getProcessor() instanceof JsonParser parser
        ? parser.getParsingContext().pathAsPointer().toString().replaceFirst("^/", "")
            .replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.')
        : "");
  }

  private ApiError tooLong(String field) {
    String name = field.isEmpty() ? "a text of the body" : field;
    return ApiError.badField(field, name + " has more than " + maxTextChars + " characters; this service accepts"
        + " at most " + maxTextChars + " per text (max_text_chars)");
  }

  private static ApiError describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException u) {
      String field = join(Json.path(u), u.getPropertyName());
      return ApiError.badField(field, "unknown field '" + field + "'; expected one of "
          + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.toList()));
    }
    if (e instanceof ValueInstantiationException v) {
      return ApiError.badField(Json.path(v), instantiation(v));
    }
    if (e instanceof StreamReadException s && s.getLocation() != null) {
      return ApiError.badJson("request body is not valid JSON at line " + s.getLocation().getLineNr()
          + ", column " + s.getLocation().getColumnNr() + ": " + s.getOriginalMessage().split("\n")[0]);
    }
    if (e instanceof JsonMappingException m) {
      String field = Json.path(m);
      return ApiError.badField(field, "field '" + (field.isEmpty() ? "(body)" : field)
          + "' has the wrong type or value: " + m.getOriginalMessage().split("\n")[0]);
    }
    return ApiError.badJson("request body is not valid JSON: " + e.getOriginalMessage().split("\n")[0]);
  }

  private static String instantiation(ValueInstantiationException v) {
    Throwable cause = v.getCause() == null ? v : v.getCause();
    String message = String.valueOf(cause.getMessage());
    String where = Json.path(v);
    if (cause instanceof NullPointerException && !message.contains(" ")) {
      return "field '" + join(where, message) + "' is required";
    }
    return where.isEmpty() ? message : where + ": " + message;
  }

  private static String join(String parent, String field) {
    if (parent.endsWith(field)) {
      return parent;
    }
    return parent.isEmpty() ? field : parent + "." + field;
  }
}
