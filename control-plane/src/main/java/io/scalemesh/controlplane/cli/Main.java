package io.scalemesh.controlplane.cli;

import io.scalemesh.controlplane.config.ConfigLoader;
import java.util.ListResourceBundle;
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

  /**
   * The command line with Scalemesh's error handling: bad input is one line and exit code 2; help
   * texts show a built-in default as {@code ${bundle:xds.port}}.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Main())
        .setResourceBundle(new BuiltInDefaults())
        .setParameterExceptionHandler(
            (e, args) -> {
              e.getCommandLine().getErr().println("scalemesh: " + e.getMessage() + " (see --help)");
              return USAGE;
            });
  }

  /**
   * The built-in defaults by dotted key, read from defaults.yaml so that no help text restates one.
   */
  private static final class BuiltInDefaults extends ListResourceBundle {
    @Override
    protected Object[][] getContents() {
      return ConfigLoader.builtInDefaults().entrySet().stream()
          .map(setting -> new Object[] {setting.getKey(), setting.getValue()})
          .toArray(Object[][]::new);
    }
  }
}
