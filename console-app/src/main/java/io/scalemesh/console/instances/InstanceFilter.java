package io.scalemesh.console.instances;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an operator types to find instances: words, each of which must match (so "ready 2" is the
 * ready ones in zone 2). A word matches a name or scale set that contains it, a state it begins, a
 * zone it equals, or an IP it begins (never the port: "3" must not find every instance on port
 * 9003). A word after "zone", "state", "ip" or "name" looks only there: "zone 1".
 */
final class InstanceFilter {
  private static final Set<String> FIELDS = Set.of("zone", "state", "ip", "name");

  private InstanceFilter() {}

  static Predicate<InstanceRow> parse(String text) {
    String[] words = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
    List<Predicate<InstanceRow>> all = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      String word = words[i];
      if (word.isEmpty()) {
        continue;
      }
      if (FIELDS.contains(word) && i + 1 < words.length) {
        all.add(field(word, words[++i]));
      } else {
        all.add(any(word));
      }
    }
    return row -> all.stream().allMatch(test -> test.test(row));
  }

  private static Predicate<InstanceRow> field(String field, String word) {
    return switch (field) {
      case "zone" -> row -> zone(row).equals(word);
      case "state" -> row -> row.stateProperty().get().startsWith(word);
      case "ip" -> row -> ip(row).startsWith(word) || row.publicIpProperty().get().startsWith(word);
      default -> row -> row.name().toLowerCase(Locale.ROOT).contains(word);
    };
  }

  private static Predicate<InstanceRow> any(String word) {
    return row ->
        row.name().toLowerCase(Locale.ROOT).contains(word)
            || row.scaleSet().toLowerCase(Locale.ROOT).contains(word)
            || row.stateProperty().get().startsWith(word)
            || zone(row).equals(word)
            || ip(row).startsWith(word)
            || row.publicIpProperty().get().startsWith(word);
  }

  private static String zone(InstanceRow row) {
    return row.zoneProperty().get().toLowerCase(Locale.ROOT);
  }

  /** The private IP without its port. */
  private static String ip(InstanceRow row) {
    String address = row.privateIpProperty().get();
    int colon = address.lastIndexOf(':');
    return colon < 0 ? address : address.substring(0, colon);
  }
}
