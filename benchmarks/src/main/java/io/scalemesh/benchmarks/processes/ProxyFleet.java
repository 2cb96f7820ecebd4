package io.scalemesh.benchmarks.processes;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load driver's process: N proxies, each an {@link EnvoyLikeStream} on a connection of its own,
 * all on one small Netty event loop group, so that the control plane's process is measured alone.
 * It tells the benchmark on stdout (lines that start with {@link Protocol#PREFIX}) when every proxy
 * holds a version; it stops when its stdin closes, so that it never outlives the benchmark.
 *
 * <pre>
 * java ... ProxyFleet PORT STREAMS SERVICE
 * </pre>
 */
public final class ProxyFleet implements EnvoyLikeStream.Listener {
  private static final int EVENT_LOOP_THREADS = 2;

  /** How far the fleet is with one version. */
  private static final class Progress {
    int holding;
    long lastAckedAt;
    final List<Long> firstResponseWaits = new ArrayList<>();
  }

  private final int streams;
  private final Map<String, Progress> versions = new HashMap<>();

  private ProxyFleet(int streams) {
    this.streams = streams;
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int streams = Integer.parseInt(args[1]);
    String service = args[2];
    EventLoopGroup group = new NioEventLoopGroup(EVENT_LOOP_THREADS);
    ProxyFleet fleet = new ProxyFleet(streams);
    List<EnvoyLikeStream> proxies = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .usePlaintext()
              .eventLoopGroup(group)
              .channelType(NioSocketChannel.class)
              // Each response is handled on its connection's event loop: no thread per proxy.
              .directExecutor()
              .build();
      proxies.add(new EnvoyLikeStream(channel, "proxy-" + i, service, group, fleet));
    }
    proxies.forEach(EnvoyLikeStream::connect);
    Protocol.say("OPEN", streams);
    // The benchmark asks for figures, and closes stdin when it is done.
    for (String line = Protocol.readLine(); line != null; line = Protocol.readLine()) {
      if (line.equals("stats")) {
        Protocol.say(
            "STATS",
            Protocol.processCpuNanos(),
            proxies.stream().mapToLong(EnvoyLikeStream::reconnects).sum());
      }
    }
    Runtime.getRuntime().halt(0);
  }

  @Override
  public synchronized void acked(String version, long ackedAt, long sinceRequestNanos) {
    Progress progress = versions.computeIfAbsent(version, v -> new Progress());
    progress.holding++;
    progress.lastAckedAt = Math.max(progress.lastAckedAt, ackedAt);
    if (sinceRequestNanos >= 0) {
      progress.firstResponseWaits.add(sinceRequestNanos);
    }
    if (progress.holding == streams) {
      List<Long> waits = progress.firstResponseWaits.stream().sorted().toList();
      Protocol.say(
          "ALL",
          version,
          progress.lastAckedAt,
          waits.size(),
          waits.isEmpty() ? 0 : waits.get(waits.size() / 2),
          waits.isEmpty() ? 0 : waits.get((int) Math.ceil(waits.size() * 0.99) - 1),
          waits.isEmpty() ? 0 : waits.getLast());
      versions.remove(version);
    }
  }
}
