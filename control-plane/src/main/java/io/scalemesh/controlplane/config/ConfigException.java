package io.scalemesh.controlplane.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A configuration problem, said in one line that names the key; values quoted in it are kept short. */
public final class ConfigException extends RuntimeException {
  private static final Pattern LONG_QUOTED = Pattern.compile("'([^'\\n]{80,})'");
  private static final int MAX_LENGTH = 500;

  public ConfigException(String message) {
    super(shorten(message));
  }

  /** An operator's typo can be a megabyte long; the message must still fit a terminal line or two. */
  private static String shorten(String message) {
    Matcher quoted = LONG_QUOTED.matcher(message.replace('\n', ' '));
    StringBuilder shortened = new StringBuilder();
    while (quoted.find()) {
      String value = quoted.group(1);
      quoted.appendReplacement(shortened, Matcher.quoteReplacement(
          "'" + value.substring(0, 60) + "...' (" + value.length() + " characters)"));
    }
    quoted.appendTail(shortened);
    return shortened.length() <= MAX_LENGTH ? shortened.toString() : shortened.substring(0, MAX_LENGTH) + "...";
  }
}
