package io.evomerge.config;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * A YAML factory whose parser reads YAML's non-finite floats ({@code .nan}, {@code .inf},
 * {@code -.inf}, in any of the spellings YAML allows) as the numbers they are, instead of failing
 * on them as malformed: the configuration records then refuse them by name, "must be finite".
 * Immutable; thread-safe as {@link YAMLFactory} is.
 */
final class NonFiniteYaml extends YAMLFactory {

  private static final long serialVersionUID = 1L;

  @Override
  protected YAMLParser _createParser(Reader reader, IOContext context) throws IOException {
    return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
  }

  @Override
  public YAMLFactory copy() {
    return new NonFiniteYaml();
  }

  /** The value of a plain scalar that spells a non-finite float, or null. */
  static Double nonFinite(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return switch (t) {
      case ".nan" -> Double.NaN;
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      default -> null;
    };
  }

  private static final class Parser extends YAMLParser {
    Parser(IOContext context, int features, int yamlFeatures, LoaderOptions options, ObjectCodec codec,
        Reader reader) {
      super(context, features, yamlFeatures, options, codec, reader);
    }

    @Override
    protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
      Double value = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
          ? nonFinite(scalar.getValue()) : null;
      if (value == null) {
        return super._decodeScalar(scalar);
      }
      _textValue = scalar.getValue();
      _numberDouble = value;
      _numTypesValid = NR_DOUBLE;
      return JsonToken.VALUE_NUMBER_FLOAT;
    }
  }
}
