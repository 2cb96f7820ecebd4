package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's queue service, Microsoft's Storage emulator (tools/azurite, which ./run test installs),
 * on 127.0.0.1 and a free port, keeping its queues in a folder of the test's so that it can be
 * stopped and started again as a Storage outage would come and go.
 */
final class Azurite implements AutoCloseable {
  static final String ACCOUNT = "devstoreaccount1";

  /** Azurite's one account key, the same everywhere and published with it: no secret. */
  private static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private static final Path QUEUE_SERVICE =
      Path.of(
          "..", "tools", "azurite", "node_modules", "azurite", "dist", "src", "queue", "main.js");

  private final Path data;
  private final int port;
  private Process process;

  Azurite(Path data) throws IOException, InterruptedException {
    if (!Files.exists(QUEUE_SERVICE)) {
      throw new IllegalStateException(
          "Azurite is not installed: run tools/azurite/install.sh (./run test does)");
    }
    this.data = Files.createDirectories(data);
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    start();
  }

  /** Starts it (again, with the queues it had); returns once it listens. */
  void start() throws IOException, InterruptedException {
    process =
        new ProcessBuilder(
                List.of(
                    "node",
                    QUEUE_SERVICE.toString(),
                    "--queueHost",
                    "127.0.0.1",
                    "--queuePort",
                    Integer.toString(port),
                    "--location",
                    data.toString(),
                    "--disableTelemetry",
                    "--silent",
                    "--skipApiVersionCheck"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("azurite.log").toFile()))
            .start();
    Instant deadline = Instant.now().plusSeconds(30);
    while (!listens()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Azurite did not start: " + Files.readString(data.resolve("azurite.log")));
      }
      Thread.sleep(50);
    }
  }

  /** Stops it, as an outage would; its queues stay in its folder. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private boolean listens() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Its account's connection string, as azure.change_events.connection_string_file holds it. */
  String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + KEY
        + ";QueueEndpoint="
        + "http://127.0.0.1:"
        + port
        + "/"
        + ACCOUNT
        + ";";
  }

  /** A queue's URL (path-style, as Azurite serves accounts). */
  URI queueUrl(String queue) {
    return URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT + "/" + queue);
  }

  /** A client of that queue, for the test's side: sending events, seeing what is left. */
  QueueClient queue(String queue) {
    return new QueueClientBuilder()
        .connectionString(connectionString())
        .queueName(queue)
        .httpClient(new JdkHttpClientBuilder().build())
        .buildClient();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
