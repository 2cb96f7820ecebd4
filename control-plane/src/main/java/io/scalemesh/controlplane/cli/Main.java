package io.scalemesh.controlplane.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scalemesh} command line. */
@Command(
    name = "scalemesh",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.class,
    description = "Streams routing for elastic Azure VM fleets to Envoy and gRPC clients over xDS.",
    subcommands = {ServeCommand.class, EnvoyBootstrapCommand.class, VersionCommand.class})
public final class Main {

  /** Exit code for bad input: flags, configuration. */
  static final int USAGE = 2;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with Scalemesh's error handling: bad input is one line and exit code 2. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setParameterExceptionHandler((e, args) -> {
          e.getCommandLine().getErr().println("scalemesh: " + e.getMessage() + " (see --help)");
          return USAGE;
        });
  }
}
