package io.scalemesh.controlplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The control plane's packages and the arrows allowed between them (DESIGN.md's data flow: sources
 * -> inventory -> guard (publish) -> mesh state -> xDS; the status stream and the APIs read;
 * capacity changes flow down to the sources that can scale). A package may use the ones it lists
 * and nothing else of the control plane; the wiring (the root package) may use everything. An arrow
 * not listed, or a cycle, fails here.
 */
class ArchitectureTest {
  private static final String ROOT = "io.scalemesh.controlplane";
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  /** Each package (below the root), and the packages it may use. */
  static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          // What everything may lean on: plumbing, no knowledge of the pipeline.
          Map.entry("events", Set.of()),
          Map.entry("coalesce", Set.of()),
          Map.entry("metrics", Set.of()),
          Map.entry("time", Set.of()),
          Map.entry("grpc", Set.of()),
          Map.entry("validation", Set.of()),
          Map.entry("audit", Set.of()),
          Map.entry("policy", Set.of()),
          Map.entry("config", Set.of("mesh", "policy")),
          Map.entry("tls", Set.of("config")),
          Map.entry("access", Set.of("config")),
          // Capacity: scale actions use what they may do; the autoscaler asks them.
          Map.entry("scale", Set.of("access", "audit", "events", "policy")),
          Map.entry("autoscale", Set.of("scale", "policy", "time")),
          // Sources, each kind binding the capabilities it has.
          Map.entry("discovery", Set.of("mesh", "scale", "autoscale", "policy", "faults")),
          Map.entry(
              "discovery.azure",
              Set.of("discovery", "mesh", "config", "policy", "scale", "autoscale")),
          // Azure's change events: hints to the scale sets' sources, outages as events.
          Map.entry(
              "discovery.azure.changes",
              Set.of("discovery", "discovery.azure", "config", "events", "metrics")),
          Map.entry("discovery.consul", Set.of("discovery", "mesh", "config", "tls")),
          Map.entry(
              "discovery.simulated",
              Set.of("discovery", "mesh", "scale", "autoscale", "grpc", "faults")),
          // Failing calls on purpose (the simulation's, for demos): operators only, audited.
          Map.entry("faults", Set.of("access", "audit", "events")),
          // The pipeline, in order; its values (instances, specs, the mesh state) first.
          Map.entry("mesh", Set.of()),
          Map.entry("inventory", Set.of("discovery", "mesh")),
          Map.entry(
              "publish",
              Set.of(
                  "inventory",
                  "mesh",
                  "discovery",
                  "events",
                  "metrics",
                  "coalesce",
                  "config",
                  "access",
                  "audit")),
          Map.entry(
              "xds",
              Set.of(
                  "publish", "mesh", "validation", "metrics", "events", "config", "tls", "grpc")),
          Map.entry("xds.client", Set.of()),
          Map.entry("envoy", Set.of("xds", "validation")),
          // What proxies report of their calls (LRS), per instance, and per scale event.
          Map.entry("traffic", Set.of("publish", "mesh", "events", "metrics")),
          // Readers and the APIs over them.
          Map.entry(
              "status",
              Set.of(
                  "publish",
                  "inventory",
                  "mesh",
                  "scale",
                  "autoscale",
                  "policy",
                  "xds",
                  "events",
                  "coalesce",
                  "traffic")),
          Map.entry("rest", Set.of("publish", "xds", "inventory", "mesh", "metrics")),
          Map.entry(
              "console",
              Set.of(
                  "status",
                  "scale",
                  "publish",
                  "access",
                  "autoscale",
                  "config",
                  "tls",
                  "grpc",
                  "faults")),
          Map.entry("simulation", Set.of("config", "time", "xds.client")),
          Map.entry("cli", Set.of("", "config", "envoy")));

  static Stream<String> packages() {
    return ALLOWED.keySet().stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("packages")
  void aPackageUsesOnlyThePackagesItLists(String pkg) {
    classes()
        .that()
        .resideInAPackage(ROOT + "." + pkg)
        .should()
        .onlyDependOnClassesThat(outsideTheControlPlaneOrIn(pkg, ALLOWED.get(pkg)))
        .check(MAIN);
  }

  @Test
  void everyPackageIsListed() {
    Set<String> listed = ALLOWED.keySet();
    classes()
        .that()
        .resideInAPackage(ROOT + "..")
        .and()
        .resideOutsideOfPackage(ROOT)
        .should(
            new ArchCondition<JavaClass>("be in a package the architecture lists") {
              @Override
              public void check(JavaClass item, ConditionEvents events) {
                if (!listed.contains(relative(item.getPackageName()))) {
                  events.add(
                      SimpleConditionEvent.violated(
                          item,
                          item.getName()
                              + " is in "
                              + item.getPackageName()
                              + ", which ArchitectureTest does not list"));
                }
              }
            })
        .check(MAIN);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
  }

  private static DescribedPredicate<JavaClass> outsideTheControlPlaneOrIn(
      String pkg, Set<String> allowed) {
    return DescribedPredicate.describe(
        "are outside the control plane, or in " + pkg + " or " + allowed,
        type -> {
          String name = type.getPackageName();
          if (!name.equals(ROOT) && !name.startsWith(ROOT + ".")) {
            return true;
          }
          String relative = relative(name);
          return relative.equals(pkg) || allowed.contains(relative);
        });
  }

  private static String relative(String packageName) {
    return packageName.equals(ROOT) ? "" : packageName.substring(ROOT.length() + 1);
  }
}
