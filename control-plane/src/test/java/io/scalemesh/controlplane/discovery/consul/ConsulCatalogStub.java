package io.scalemesh.controlplane.discovery.consul;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * A Consul agent's {@code /v1/health/service/:service} endpoint on 127.0.0.1, keeping the
 * documented blocking-query contract: X-Consul-Index on every answer; a query with {@code index}
 * below the current one answers at once, else it waits for a change or for {@code wait} plus up to
 * wait/16 of jitter; a snapshot restore moves the index back and wakes every waiting query. Faults
 * can be queued, one per query.
 */
final class ConsulCatalogStub implements AutoCloseable {
  enum Fault {
    SERVER_ERROR,
    HANG,
    MALFORMED_JSON,
    NO_LEADER,
    ACL_FILTERED
  }

  /** One query as the stub saw it. */
  record Query(
      String service, long index, Optional<String> waitParameter, Optional<String> token) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final Optional<String> requiredToken;
  private final Map<String, Map<String, Registration>> services = new HashMap<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final List<Query> queries = new CopyOnWriteArrayList<>();
  private long index = 100;
  private long restores;
  private int waiting;
  private boolean closed;

  private ConsulCatalogStub(HttpServer server, Optional<String> requiredToken) {
    this.server = server;
    this.requiredToken = requiredToken;
    server.createContext("/v1/health/service/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  static ConsulCatalogStub http(Optional<String> requiredToken) throws IOException {
    return new ConsulCatalogStub(
        HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), requiredToken);
  }

  /** Over TLS with this context; with {@code clientCertificates}, a client must present one. */
  static ConsulCatalogStub https(SSLContext context, boolean clientCertificates)
      throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters parameters) {
            parameters.setNeedClientAuth(clientCertificates);
          }
        });
    return new ConsulCatalogStub(server, Optional.empty());
  }

  URI address() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Registers (or re-registers) {@code service} on {@code node}, with one service check in {@code
   * status}.
   */
  synchronized void register(
      String service, String node, String address, int port, String status, String... tags) {
    services
        .computeIfAbsent(service, s -> new LinkedHashMap<>())
        .put(node, new Registration(node, address, port, status, false, List.of(tags)));
    changed();
  }

  synchronized void check(String service, String node, String status) {
    Registration r = services.get(service).get(node);
    services
        .get(service)
        .put(node, new Registration(node, r.address, r.port, status, r.maintenance, r.tags));
    changed();
  }

  synchronized void maintenance(String service, String node, boolean on) {
    Registration r = services.get(service).get(node);
    services
        .get(service)
        .put(node, new Registration(node, r.address, r.port, r.status, on, r.tags));
    changed();
  }

  synchronized void deregister(String service, String node) {
    services.get(service).remove(node);
    changed();
  }

  /** A snapshot restore: the index goes back to {@code to}, and every waiting query returns. */
  synchronized void restoreSnapshot(long to) {
    index = to;
    restores++;
    notifyAll();
  }

  synchronized void inject(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  synchronized int faultsLeft() {
    return faults.size();
  }

  /** Blocking queries waiting for a change now. */
  synchronized int waitingQueries() {
    return waiting;
  }

  List<Query> queries() {
    return List.copyOf(queries);
  }

  private void changed() {
    index++;
    notifyAll();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
      String service = exchange.getRequestURI().getPath().substring("/v1/health/service/".length());
      Optional<String> token =
          Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Consul-Token"));
      long requested = Long.parseLong(params.getOrDefault("index", "0"));
      queries.add(new Query(service, requested, Optional.ofNullable(params.get("wait")), token));
      if (requiredToken.isPresent() && !requiredToken.equals(token)) {
        send(exchange, 403, "ACL not found", Map.of());
        return;
      }
      Fault fault;
      synchronized (this) {
        fault = faults.poll();
      }
      if (fault == Fault.SERVER_ERROR) {
        send(exchange, 500, "rpc error making call: No cluster leader", Map.of());
        return;
      }
      if (fault == Fault.HANG) {
        hangUntilClosed();
        return;
      }
      Answer answer =
          await(service, requested, params.get("wait"), Optional.ofNullable(params.get("tag")));
      Map<String, String> headers =
          new HashMap<>(Map.of("X-Consul-Index", Long.toString(answer.index)));
      headers.put("X-Consul-KnownLeader", fault == Fault.NO_LEADER ? "false" : "true");
      if (fault == Fault.ACL_FILTERED) {
        // A token without service:read sees an empty list, and Consul says it filtered it.
        headers.put("X-Consul-Results-Filtered-By-ACLs", "true");
      }
      send(
          exchange,
          200,
          switch (fault) {
            case MALFORMED_JSON -> "[{\"Node\": {\"Node\": ";
            case ACL_FILTERED -> "[]";
            case null, default -> answer.body;
          },
          headers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized Answer await(
      String service, long requested, String wait, Optional<String> tag)
      throws InterruptedException, IOException {
    if (requested > 0) {
      Duration max = wait == null ? Duration.ofMinutes(5) : parseWait(wait);
      long jitter = ThreadLocalRandom.current().nextLong(max.toMillis() / 16 + 1);
      long deadline = System.currentTimeMillis() + max.toMillis() + jitter;
      long restoresBefore = restores;
      waiting++;
      try {
        while (index <= requested
            && restores == restoresBefore
            && !closed
            && System.currentTimeMillis() < deadline) {
          wait(Math.max(1, deadline - System.currentTimeMillis()));
        }
      } finally {
        waiting--;
      }
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Registration r : services.getOrDefault(service, Map.of()).values()) {
      if (tag.isEmpty() || r.tags.contains(tag.get())) {
        entries.add(r.entry(service));
      }
    }
    return new Answer(index, JSON.writeValueAsString(entries));
  }

  private synchronized void hangUntilClosed() throws InterruptedException {
    while (!closed) {
      wait();
    }
  }

  private static Duration parseWait(String wait) {
    long amount = Long.parseLong(wait.substring(0, wait.length() - 1));
    return wait.endsWith("m") ? Duration.ofMinutes(amount) : Duration.ofSeconds(amount);
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return params;
  }

  private static void send(
      HttpExchange exchange, int status, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange
        .getResponseHeaders()
        .add("Content-Type", status == 200 ? "application/json" : "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    server.stop(0);
    handlers.shutdownNow();
  }

  private record Answer(long index, String body) {}

  /** A service instance on a node, with its service check, as an agent registers it. */
  private record Registration(
      String node,
      String address,
      int port,
      String status,
      boolean maintenance,
      List<String> tags) {

    Map<String, Object> entry(String service) {
      List<Map<String, Object>> checks = new ArrayList<>();
      checks.add(
          Map.of(
              "Node",
              node,
              "CheckID",
              "serfHealth",
              "Name",
              "Serf Health Status",
              "Status",
              "passing",
              "ServiceID",
              "",
              "ServiceName",
              ""));
      checks.add(
          Map.of(
              "Node",
              node,
              "CheckID",
              "service:" + service,
              "Name",
              "Service '" + service + "' check",
              "Status",
              status,
              "ServiceID",
              service,
              "ServiceName",
              service));
      if (maintenance) {
        checks.add(
            Map.of(
                "Node",
                node,
                "CheckID",
                "_service_maintenance:" + service,
                "Name",
                "Service Maintenance Mode",
                "Status",
                "critical",
                "ServiceID",
                service,
                "ServiceName",
                service));
      }
      return Map.of(
          "Node",
              Map.of(
                  "ID",
                  "id-" + node,
                  "Node",
                  node,
                  "Address",
                  address,
                  "Datacenter",
                  "dc1",
                  "TaggedAddresses",
                  Map.of("lan", address, "wan", address),
                  "Meta",
                  Map.of("zone", "1")),
          "Service",
              Map.of(
                  "ID",
                  service,
                  "Service",
                  service,
                  "Tags",
                  tags,
                  "Address",
                  "",
                  "Port",
                  port,
                  "Meta",
                  Map.of(),
                  "Weights",
                  Map.of("Passing", 1, "Warning", 1)),
          "Checks", checks);
    }
  }
}
