package io.evomerge.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.evomerge.protocol.Dialect;
import io.evomerge.search.Method;
import io.evomerge.search.SearchSettings.CovarianceModel;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The one strictly configured YAML mapper of the configuration: no silent coercion (a float for an
 * integer, a string for a number), duplicate keys rejected, enumerations written and read by their
 * configuration names ({@code evo-merging}, {@code separable}, {@code bmm}). Thread-safe once built.
 */
final class ConfigMapper {

  private static final YAMLMapper MAPPER = build();

  private ConfigMapper() {}

  /** The shared mapper; do not reconfigure it. */
  public static YAMLMapper mapper() {
    return MAPPER;
  }

  private static YAMLMapper build() {
    SimpleModule names = new SimpleModule("evomerge-config-names");
    register(names, Method.class, Method.values(), Method::id);
    register(names, Dialect.class, Dialect.values(), Dialect::configName);
    register(names, CovarianceModel.class, CovarianceModel.values(),
        c -> c.name().toLowerCase(Locale.ROOT));
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

  private static <E extends Enum<E>> void register(
      SimpleModule module, Class<E> type, E[] values, Function<E, String> name) {
    module.addSerializer(type, new NameSerializer<>(type, name));
    module.addDeserializer(type, new NameDeserializer<>(type, values, name));
  }

  private static final class NameSerializer<E> extends StdScalarSerializer<E> {
    private static final long serialVersionUID = 1L;
    private final transient Function<E, String> name;

    NameSerializer(Class<E> type, Function<E, String> name) {
      super(type);
      this.name = name;
    }

    @Override
    public void serialize(E value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(name.apply(value));
    }
  }

  private static final class NameDeserializer<E> extends StdScalarDeserializer<E> {
    private static final long serialVersionUID = 1L;
    private final Map<String, E> byName = new LinkedHashMap<>();

    NameDeserializer(Class<E> type, E[] values, Function<E, String> name) {
      super(type);
      for (E value : values) {
        byName.put(name.apply(value), value);
      }
    }

    @Override
    public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : null;
      E value = text == null ? null : byName.get(text);
      if (value == null) {
        throw new IllegalArgumentException(
            Check.show(text == null ? p.getText() : text) + " must be one of: "
                + String.join(", ", byName.keySet()));
      }
      return value;
    }
  }
}
