package io.scalemesh.console.health;

import io.scalemesh.console.ui.StyleClasses;
import java.util.List;
import java.util.Locale;

/**
 * The mesh's health in one word, and the reasons that make it so (none when healthy).
 *
 * @param reasons worst first
 */
public record Health(Level level, List<String> reasons) {
  public enum Level {
    /** Nothing known: not connected, or nothing heard yet. */
    UNKNOWN,
    HEALTHY,
    /** Routing works, but something needs attention. */
    DEGRADED,
    /** Traffic to some service fails or cannot follow changes. */
    FAILING;

    public static final List<String> STYLE_CLASSES =
        StyleClasses.of(Level.class, Level::styleClass);

    /** The CSS class the badge has at this level. */
    public String styleClass() {
      return "health-" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** "DEGRADED: 1 of 2 proxies out of sync; backend: 1 instance unhealthy" */
  public String summary() {
    return level.name() + (reasons.isEmpty() ? "" : ": " + String.join("; ", reasons));
  }
}
