package io.scalemesh.controlplane.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A configuration problem, said in one line that names the key; values quoted in it are kept short.
 */
public final class ConfigException extends RuntimeException {
  private static final Pattern LONG_QUOTED = Pattern.compile("'([^'\\n]{80,})'");
  private static final int MAX_LENGTH = 500;

  public ConfigException(String message) {
    super(shorten(message));
  }

  /**
   * What binding the merged tree to the records found wrong, named by its key as written in YAML.
   */
  static ConfigException binding(JsonProcessingException e) {
    if (!(e instanceof JsonMappingException mapping)) {
      return new ConfigException(e.getOriginalMessage());
    }
    String where = path(mapping);
    return new ConfigException(
        switch (mapping) {
          case UnrecognizedPropertyException unknown -> "unknown config key '" + where + "'";
          case InvalidTypeIdException kind when kind.getTypeId() == null ->
              where + ": 'kind' is missing (known kinds: " + knownKinds() + ")";
          case InvalidTypeIdException kind ->
              where
                  + ": unknown discovery kind '"
                  + kind.getTypeId()
                  + "' (known kinds: "
                  + knownKinds()
                  + ")";
          case InvalidFormatException format ->
              where
                  + ": '"
                  + format.getValue()
                  + "' is not a valid "
                  + format.getTargetType().getSimpleName().toLowerCase(Locale.ROOT);
          case ValueInstantiationException invalid when invalid.getCause() != null ->
              (where.isEmpty() ? "" : where + ": ") + invalid.getCause().getMessage();
          default -> (where.isEmpty() ? "" : where + ": ") + mapping.getOriginalMessage();
        });
  }

  /**
   * The config key a binding error is about, written as in the YAML: services[0].discovery.kind.
   */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String knownKinds() {
    return Arrays.stream(DiscoveryConfig.class.getAnnotation(JsonSubTypes.class).value())
        .map(JsonSubTypes.Type::name)
        .collect(Collectors.joining(", "));
  }

  /**
   * An operator's typo can be a megabyte long; the message must still fit a terminal line or two.
   */
  private static String shorten(String message) {
    Matcher quoted = LONG_QUOTED.matcher(message.replace('\n', ' '));
    StringBuilder shortened = new StringBuilder();
    while (quoted.find()) {
      String value = quoted.group(1);
      quoted.appendReplacement(
          shortened,
          Matcher.quoteReplacement(
              "'" + value.substring(0, 60) + "...' (" + value.length() + " characters)"));
    }
    quoted.appendTail(shortened);
    return shortened.length() <= MAX_LENGTH
        ? shortened.toString()
        : shortened.substring(0, MAX_LENGTH) + "...";
  }
}
