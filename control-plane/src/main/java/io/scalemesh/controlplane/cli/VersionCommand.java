package io.scalemesh.controlplane.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** Prints the version this build was packaged as. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version.")
public final class VersionCommand implements Callable<Integer>, CommandLine.IVersionProvider {
  @Spec CommandLine.Model.CommandSpec spec;

  static String version() {
    return Optional.ofNullable(VersionCommand.class.getPackage().getImplementationVersion())
        .orElse("development");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"scalemesh " + version()};
  }

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("scalemesh " + version());
    return 0;
  }
}
