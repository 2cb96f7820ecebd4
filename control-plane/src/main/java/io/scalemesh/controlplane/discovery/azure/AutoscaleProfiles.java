package io.scalemesh.controlplane.discovery.azure;

import com.azure.resourcemanager.monitor.fluent.models.AutoscaleProfileInner;
import com.azure.resourcemanager.monitor.models.RecurrentSchedule;
import com.azure.resourcemanager.monitor.models.TimeWindow;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which profile of an autoscale setting Azure Monitor applies at a moment, by its documented order
 * (learn.microsoft.com/azure/azure-monitor/autoscale/autoscale-multiprofile): a fixed-date profile
 * whose window holds the moment; else the recurring profile that started last (a recurring profile
 * has no end: it lasts until the next one starts), in its own time zone; else the default profile,
 * the one without a schedule.
 */
final class AutoscaleProfiles {
  private AutoscaleProfiles() {}

  static Optional<AutoscaleProfileInner> inForceAt(
      List<AutoscaleProfileInner> profiles, Instant now) {
    Optional<AutoscaleProfileInner> fixed =
        profiles.stream()
            .filter(p -> p.fixedDate() != null && holds(p.fixedDate(), now))
            .findFirst();
    if (fixed.isPresent()) {
      return fixed;
    }
    Optional<AutoscaleProfileInner> recurring =
        profiles.stream()
            .filter(p -> p.recurrence() != null && p.recurrence().schedule() != null)
            .flatMap(
                p ->
                    lastStart(p.recurrence().schedule(), now)
                        .map(start -> new Started(p, start))
                        .stream())
            .max(Comparator.comparing(Started::at))
            .map(Started::profile);
    return recurring.or(
        () ->
            profiles.stream()
                .filter(p -> p.fixedDate() == null && p.recurrence() == null)
                .findFirst());
  }

  private record Started(AutoscaleProfileInner profile, Instant at) {}

  private static boolean holds(TimeWindow window, Instant now) {
    return window.start() != null
        && window.end() != null
        && !now.isBefore(window.start().toInstant())
        && now.isBefore(window.end().toInstant());
  }

  /** The latest start of a weekly schedule at or before {@code now}, if it has any start. */
  static Optional<Instant> lastStart(RecurrentSchedule schedule, Instant now) {
    ZoneId zone = zone(schedule.timeZone());
    LocalDate today = now.atZone(zone).toLocalDate();
    List<DayOfWeek> days =
        schedule.days() == null
            ? List.of()
            : schedule.days().stream().map(AutoscaleProfiles::day).toList();
    List<Integer> hours =
        schedule.hours() == null || schedule.hours().isEmpty() ? List.of(0) : schedule.hours();
    List<Integer> minutes =
        schedule.minutes() == null || schedule.minutes().isEmpty()
            ? List.of(0)
            : schedule.minutes();
    Optional<Instant> latest = Optional.empty();
    for (int daysBack = 0; daysBack <= 7; daysBack++) {
      LocalDate date = today.minusDays(daysBack);
      if (!days.contains(date.getDayOfWeek())) {
        continue;
      }
      for (int hour : hours) {
        for (int minute : minutes) {
          Instant start = ZonedDateTime.of(date.atTime(hour, minute), zone).toInstant();
          if (!start.isAfter(now) && latest.map(start::isAfter).orElse(true)) {
            latest = Optional.of(start);
          }
        }
      }
    }
    return latest;
  }

  /** Azure writes days as names ("Monday") or, as .NET numbers them, 0 (Sunday) to 6. */
  private static DayOfWeek day(String day) {
    String text = day.strip();
    if (text.matches("[0-6]")) {
      return DayOfWeek.SUNDAY.plus(Integer.parseInt(text));
    }
    return DayOfWeek.valueOf(text.toUpperCase(Locale.ROOT));
  }

  /**
   * Azure Monitor's time zones are Windows names ("W. Europe Standard Time"); IANA ids work too.
   */
  static ZoneId zone(String name) {
    if (name == null || name.isBlank()) {
      return ZoneId.of("UTC");
    }
    String iana = com.ibm.icu.util.TimeZone.getIDForWindowsID(name.strip(), "001");
    try {
      return ZoneId.of(iana != null ? iana : name.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "unknown time zone '" + name + "' in an autoscale profile", e);
    }
  }
}
