package io.scalemesh.console;

import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.settings.SavedConnection;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The console's command line: {@code [--address HOST:PORT --token TOKEN [--name NAME] [--tls] [--ca
 * FILE]]}. With an address it connects there (and saves the connection under the name); without, it
 * reconnects to the connection used last, or asks.
 */
record ConsoleArguments(Optional<SavedConnection> connectTo) {
  static final String USAGE =
      "usage: scalemesh-console [--address HOST:PORT --token TOKEN [--name NAME] [--tls] [--ca FILE]]";

  static ConsoleArguments parse(List<String> args) {
    String address = null;
    String token = System.getenv("SCALEMESH_TOKEN");
    String name = null;
    boolean tls = false;
    Path ca = null;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--address" -> address = value(args, ++i);
        case "--token" -> token = value(args, ++i);
        case "--name" -> name = value(args, ++i);
        case "--tls" -> tls = true;
        case "--ca" -> ca = Path.of(value(args, ++i));
        default ->
            throw new IllegalArgumentException("unknown argument '" + args.get(i) + "'\n" + USAGE);
      }
    }
    if (address == null) {
      return new ConsoleArguments(Optional.empty());
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("--address needs --token (or SCALEMESH_TOKEN)\n" + USAGE);
    }
    ConnectionSettings settings =
        new ConnectionSettings(address, token, tls || ca != null, Optional.ofNullable(ca));
    return new ConsoleArguments(
        Optional.of(new SavedConnection(name == null ? address : name, settings)));
  }

  private static String value(List<String> args, int index) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(args.get(index - 1) + " needs a value\n" + USAGE);
    }
    return args.get(index);
  }
}
