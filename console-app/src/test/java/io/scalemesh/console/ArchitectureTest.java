package io.scalemesh.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The console's arrows: it talks to the control plane only through the wire contract
 * (shared-model), its packages form no cycle, and view models hold state and commands without
 * knowing any control (MVVM: the views bind to them), so that their logic is tested without a
 * toolkit.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.scalemesh.console");

  @Test
  void theConsoleKnowsTheControlPlaneOnlyThroughTheWireContract() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.scalemesh.controlplane..")
        .check(MAIN);
  }

  @Test
  void viewModelsKnowNoControlsOrScenes() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx.scene..", "javafx.stage..", "javafx.fxml..")
        .check(MAIN);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("io.scalemesh.console.(*)..").should().beFreeOfCycles().check(MAIN);
  }
}
