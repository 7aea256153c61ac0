package io.evomerge.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.evomerge.protocol.Dialect;
import io.evomerge.search.Method;
import io.evomerge.search.cmaes.Covariance;
import java.io.IOException;
import java.io.Reader;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * The one strictly configured YAML mapper of the configuration: no silent coercion (a float for an
 * integer, a string for a number), duplicate keys rejected, enumerations written and read by their
 * configuration names ({@code evo-merging}, {@code separable}, {@code bmm}); and the one-line
 * descriptions of YAML syntax errors. Thread-safe once built.
 */
final class ConfigMapper {

  /** The shared mapper; do not reconfigure it. */
  static final YAMLMapper MAPPER = build();

  private ConfigMapper() {}

  private static YAMLMapper build() {
    SimpleModule names = new SimpleModule("evomerge-config-names");
    register(names, Method.class, Method::id);
    register(names, Dialect.class, Dialect::configName);
    register(names, Covariance.class, c -> c.name().toLowerCase(Locale.ROOT));
    return YAMLMapper.builder(new NonFiniteYaml())
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
        .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .addModule(names)
        .build();
  }

  /** Writes and reads the constants of {@code type} by {@code name}; another name lists them. */
  private static <E extends Enum<E>> void register(
      SimpleModule module, Class<E> type, Function<E, String> name) {
    Map<String, E> byName = new LinkedHashMap<>();
    for (E value : type.getEnumConstants()) {
      byName.put(name.apply(value), value);
    }
    module.addSerializer(type, new StdScalarSerializer<E>(type) {
      @Override
      public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(name.apply(value));
      }
    });
    module.addDeserializer(type, new StdScalarDeserializer<E>(type) {
      @Override
      public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        E value = p.hasToken(JsonToken.VALUE_STRING) ? byName.get(p.getText()) : null;
        if (value == null) {
          throw new IllegalArgumentException(
              Check.show(p.getText()) + " must be one of: " + String.join(", ", byName.keySet()));
        }
        return value;
      }
    });
  }

  /** {@code line L, column C: problem (context)} for the syntax error {@code e}. */
  public static String describe(JsonProcessingException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MarkedYAMLException y && y.getProblem() != null) {
        return at(y.getProblemMark()) + y.getProblem().strip() + context(y);
      }
    }
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : "line " + location.getLineNr() + ", column "
        + location.getColumnNr() + ": ";
    return where + firstLine(e.getOriginalMessage());
  }

  private static String context(MarkedYAMLException y) {
    if (y.getContext() == null) {
      return "";
    }
    String where = y.getContextMark() == null || y.getContextMark().equals(y.getProblemMark())
        ? "" : " started at " + at(y.getContextMark()).replace(": ", "");
    return " (" + y.getContext().strip() + where + ")";
  }

  private static String at(Mark mark) {
    return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
  }

  private static String firstLine(String text) {
    int newline = text == null ? -1 : text.indexOf('\n');
    return newline < 0 ? String.valueOf(text) : text.substring(0, newline);
  }

  /**
   * A YAML factory whose parser reads YAML's non-finite floats ({@code .nan}, {@code .inf},
   * {@code -.inf}, in any of the spellings YAML allows) as the numbers they are, instead of failing
   * on them as malformed: the configuration records then refuse them by name, "must be finite".
   * Immutable; thread-safe as {@link YAMLFactory} is.
   */
  static final class NonFiniteYaml extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    /** The plain scalars, lower-cased, that spell a non-finite float. */
    private static final Map<String, Double> NON_FINITE = Map.of(".nan", Double.NaN,
        ".inf", Double.POSITIVE_INFINITY, "+.inf", Double.POSITIVE_INFINITY, "-.inf", Double.NEGATIVE_INFINITY);

    @Override
    protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
      return new YAMLParser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader) {
        @Override
        protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
          Double value = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
              ? NON_FINITE.get(scalar.getValue().toLowerCase(Locale.ROOT)) : null;
          if (value == null) {
            return super._decodeScalar(scalar);
          }
          _textValue = scalar.getValue();
          _numberDouble = value;
          _numTypesValid = NR_DOUBLE;
          return JsonToken.VALUE_NUMBER_FLOAT;
        }
      };
    }

    @Override
    public YAMLFactory copy() {
      return new NonFiniteYaml();
    }
  }
}
