package io.scalemesh.controlplane.discovery.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.scalemesh.controlplane.tls.PemTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Azure Resource Manager's REST shapes on 127.0.0.1 over HTTPS (a certificate from the test CA):
 * scale sets (Uniform and Flexible) and standalone VMs, their NICs and public IPs, Monitor metrics
 * and autoscale settings, and the capacity PATCH as a long-running operation. Lists are paged with
 * nextLink; paths match case-insensitively and any api-version is accepted, as Resource Manager
 * does. Faults are queued and hit the next requests.
 */
final class ResourceManagerStub implements AutoCloseable {
  static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
  static final String GROUP = "rg-mesh";
  static final String GROUP_ID = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP;
  static final String TOKEN = "test-token";
  static final String IDENTITY_HEADER = "identity-secret";

  /** Longer than a source's first backoff (1 s), so that waiting it out shows. */
  static final Duration THROTTLE_RETRY_AFTER = Duration.ofSeconds(2);

  enum Fault {
    THROTTLE,
    SERVER_ERROR,
    MALFORMED_JSON,
    SECOND_PAGE,
    EXPIRED_TOKEN,
    REFUSE_PATCH
  }

  /** One request as the stub saw it. */
  record Request(String method, String path, Map<String, String> query, String body, Instant at) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCALE_SET =
      "(?i)/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.compute/virtualmachinescalesets/([^/]+)";
  private static final Pattern VMSS = Pattern.compile(SCALE_SET);
  private static final Pattern VMSS_VMS = Pattern.compile(SCALE_SET + "/virtualmachines");
  private static final Pattern VMSS_NICS = Pattern.compile(SCALE_SET + "/networkinterfaces");
  private static final Pattern VMSS_PUBLIC_IPS = Pattern.compile(SCALE_SET + "/publicipaddresses");
  private static final Pattern METRICS =
      Pattern.compile(SCALE_SET + "/providers/microsoft\\.insights/metrics");
  private static final Pattern VMS =
      Pattern.compile(
          "(?i)/subscriptions/[^/]+(/resourcegroups/[^/]+)?/providers/microsoft\\.compute/virtualmachines");
  private static final Pattern NICS =
      Pattern.compile(
          "(?i)/subscriptions/[^/]+(/resourcegroups/[^/]+)?/providers/microsoft\\.network/networkinterfaces");
  private static final Pattern PUBLIC_IPS =
      Pattern.compile(
          "(?i)/subscriptions/[^/]+(/resourcegroups/[^/]+)?/providers/microsoft\\.network/publicipaddresses");
  private static final Pattern AUTOSCALE =
      Pattern.compile(
          "(?i)/subscriptions/[^/]+/resourcegroups/[^/]+/providers/microsoft\\.insights/autoscalesettings");

  /**
   * Calls Compute answers: a scale set's interfaces and public IPs are Network's, metrics
   * Monitor's.
   */
  private static final Pattern COMPUTE_CALL =
      Pattern.compile(
          "(?i)/subscriptions/.*/providers/microsoft\\.compute/(?!.*/(networkinterfaces|publicipaddresses|providers)(/|$)).*");

  private static final Pattern OPERATION = Pattern.compile("/operations/(\\d+)");
  private static final Pattern RESOURCE_GRAPH =
      Pattern.compile("(?i)/providers/microsoft\\.resourcegraph/resources");
  private static final Pattern GRAPH_TAG =
      Pattern.compile("tags\\['((?:[^'\\\\]|\\\\.)*)'\\]\\) == '((?:[^'\\\\]|\\\\.)*)'");

  /** An answer given as it is, before any modelled one. */
  private record Canned(String method, Pattern path, String body) {}

  private final HttpsServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, FakeScaleSet> scaleSets = new LinkedHashMap<>();
  private final List<FakeVm> standalone = new CopyOnWriteArrayList<>();
  private final Map<Integer, Operation> operations = new LinkedHashMap<>();
  private final List<Canned> canned = new CopyOnWriteArrayList<>();
  private volatile int pageSize = 2;
  private volatile String patchBody;
  private volatile Map<String, String> operationError;
  private ComputeBudget computeBudget;
  private final List<Instant> throttled = new CopyOnWriteArrayList<>();
  private final List<String> identityRequests = new CopyOnWriteArrayList<>();

  ResourceManagerStub() throws IOException {
    Path tls = Path.of("src/test/resources/tls");
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(
            PemTls.context(
                Optional.empty(),
                Optional.of(tls.resolve("server.pem")),
                Optional.of(tls.resolve("server.key")))));
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  static String scaleSetId(String name) {
    return GROUP_ID + "/providers/Microsoft.Compute/virtualMachineScaleSets/" + name;
  }

  URI endpoint() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  synchronized FakeScaleSet scaleSet(String name, boolean flexible, int capacity) {
    FakeScaleSet scaleSet = new FakeScaleSet(name, flexible, capacity);
    scaleSets.put(name.toLowerCase(Locale.ROOT), scaleSet);
    return scaleSet;
  }

  FakeVm standaloneVm(String name, String privateIp, Map<String, String> tags) {
    FakeVm vm = new FakeVm(name, name, null, false, privateIp, null, "1", tags);
    standalone.add(vm);
    return vm;
  }

  /**
   * Answers {@code method} requests whose path matches {@code path} (a regular expression, matched
   * case-insensitively, as Resource Manager matches paths) with {@code body} as it is, before any
   * modelled answer: an example response of the REST API specification, say.
   */
  void answer(String method, String path, String body) {
    canned.add(new Canned(method, Pattern.compile("(?i)" + path), body));
  }

  /**
   * Answers capacity PATCHes with {@code body} (still starting the operation and naming where to
   * poll it) instead of the scale set as it is now.
   */
  void answerPatches(String body) {
    patchBody = body;
  }

  /**
   * Ends the next capacity operations Failed with this error (as an Azure-AsyncOperation status
   * body has it), changing nothing.
   */
  void failOperations(String code, String message) {
    operationError = Map.of("code", code, "message", message);
  }

  /**
   * Compute's per-resource throttling, as a token bucket: every Microsoft.Compute call takes a
   * token, the answer says how many are left ({@code x-ms-ratelimit-remaining-resource}), and a
   * call with none left is a 429.
   */
  synchronized void computeBudget(int capacity, int refillPerMinute) {
    computeBudget = new ComputeBudget(capacity, refillPerMinute);
  }

  /** What the answers said was left of the Compute budget, in order. */
  synchronized List<Integer> computeBudgetHeard() {
    return computeBudget == null ? List.of() : List.copyOf(computeBudget.heard);
  }

  void pageSize(int size) {
    pageSize = size;
  }

  synchronized void inject(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      faults.add(fault);
    }
  }

  synchronized int faultsLeft() {
    return faults.size();
  }

  /** When each 429 was sent. */
  List<Instant> throttled() {
    return List.copyOf(throttled);
  }

  /** The queries of token requests to the managed-identity endpoint. */
  List<String> identityRequests() {
    return List.copyOf(identityRequests);
  }

  /**
   * A managed-identity token endpoint as App Service provides one (IDENTITY_ENDPOINT,
   * IDENTITY_HEADER).
   */
  URI identityEndpoint() {
    return endpoint().resolve("msi/token");
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      if (path.equals("/msi/token")) {
        identity(exchange);
        return;
      }
      requests.add(new Request(exchange.getRequestMethod(), path, query, body, Instant.now()));
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        error(exchange, 401, "AuthenticationFailed", "no valid bearer token", Map.of());
        return;
      }
      Optional<Fault> fault = nextFault(exchange.getRequestMethod(), path, query);
      if (fault.isPresent()) {
        fail(exchange, fault.get());
        return;
      }
      if (COMPUTE_CALL.matcher(path).matches() && !spend(exchange)) {
        return;
      }
      route(exchange, exchange.getRequestMethod(), path, query, body);
    } catch (RuntimeException e) {
      error(exchange, 500, "StubFailure", e.toString(), Map.of());
    }
  }

  private void identity(HttpExchange exchange) throws IOException {
    identityRequests.add(exchange.getRequestURI().getRawQuery());
    if (!IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
      error(exchange, 401, "Unauthorized", "no identity header", Map.of());
      return;
    }
    send(
        exchange,
        200,
        Map.of(
            "access_token",
            TOKEN,
            "token_type",
            "Bearer",
            "expires_on",
            Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()),
            "resource",
            "https://management.azure.com/",
            "client_id",
            "00000000-0000-0000-0000-0000000000cc"),
        Map.of());
  }

  private synchronized Optional<Fault> nextFault(
      String method, String path, Map<String, String> query) {
    if (OPERATION.matcher(path).matches() || faults.isEmpty()) {
      return Optional.empty();
    }
    if (faults.peek() == Fault.SECOND_PAGE && !query.containsKey("$skiptoken")
        || faults.peek() == Fault.REFUSE_PATCH && !method.equals("PATCH")) {
      return Optional.empty();
    }
    return Optional.of(faults.poll());
  }

  /**
   * Takes a token of the Compute budget, if one is set: false (and a 429 sent) when none is left.
   */
  private boolean spend(HttpExchange exchange) throws IOException {
    OptionalInt left;
    synchronized (this) {
      left = computeBudget == null ? null : computeBudget.take();
    }
    if (left == null) {
      return true;
    }
    if (left.isEmpty()) {
      fail(exchange, Fault.THROTTLE);
      return false;
    }
    exchange
        .getResponseHeaders()
        .add(
            "x-ms-ratelimit-remaining-resource",
            "Microsoft.Compute/GetVMScaleSet3Min;"
                + left.getAsInt()
                + ",Microsoft.Compute/GetVMScaleSet30Min;1000");
    return true;
  }

  private void fail(HttpExchange exchange, Fault fault) throws IOException {
    switch (fault) {
      case THROTTLE -> {
        throttled.add(Instant.now());
        error(
            exchange,
            429,
            "TooManyRequests",
            "The request is being throttled.",
            Map.of("Retry-After", Long.toString(THROTTLE_RETRY_AFTER.toSeconds())));
      }
      case SERVER_ERROR, SECOND_PAGE ->
          error(exchange, 500, "InternalServerError", "An internal error occurred.", Map.of());
      case MALFORMED_JSON -> send(exchange, 200, "{\"value\": [{\"id\": ", Map.of());
      case REFUSE_PATCH ->
          error(
              exchange,
              409,
              "OperationNotAllowed",
              "The operation is not allowed while the scale set is being updated.",
              Map.of());
      case EXPIRED_TOKEN ->
          error(
              exchange,
              401,
              "ExpiredAuthenticationToken",
              "The access token expiry UTC time is earlier than current UTC time.",
              Map.of());
    }
  }

  private synchronized void route(
      HttpExchange exchange, String method, String path, Map<String, String> query, String body)
      throws IOException {
    Optional<Canned> given =
        canned.stream()
            .filter(c -> c.method().equals(method) && c.path().matcher(path).matches())
            .findFirst();
    if (given.isPresent()) {
      send(exchange, 200, given.get().body(), Map.of());
      return;
    }
    Matcher m;
    if (RESOURCE_GRAPH.matcher(path).matches() && method.equals("POST")) {
      resourceGraph(exchange, body);
    } else if ((m = OPERATION.matcher(path)).matches()) {
      Operation operation = operations.get(Integer.parseInt(m.group(1)));
      send(exchange, 200, operation.poll(), Map.of("Retry-After", "1"));
    } else if ((m = VMSS.matcher(path)).matches() && method.equals("PATCH")) {
      patch(exchange, scaleSetNamed(m.group(1)), body);
    } else if (m.matches()) {
      send(exchange, 200, scaleSetNamed(m.group(1)).json(), Map.of());
    } else if ((m = VMSS_VMS.matcher(path)).matches()) {
      page(
          exchange,
          path,
          query,
          scaleSetNamed(m.group(1)).vms().stream().map(vm -> vm.vmJson(expanded(query))).toList());
    } else if ((m = VMSS_NICS.matcher(path)).matches()) {
      page(
          exchange,
          path,
          query,
          scaleSetNamed(m.group(1)).vms().stream().map(FakeVm::nicJson).toList());
    } else if ((m = VMSS_PUBLIC_IPS.matcher(path)).matches()) {
      page(exchange, path, query, publicIps(scaleSetNamed(m.group(1)).vms()));
    } else if ((m = METRICS.matcher(path)).matches()) {
      send(exchange, 200, scaleSetNamed(m.group(1)).metricsJson(), Map.of());
    } else if ((m = VMS.matcher(path)).matches()) {
      String filter = query.getOrDefault("$filter", "");
      if (m.group(1) != null && query.containsKey("$expand") && filter.isEmpty()) {
        error(
            exchange,
            400,
            "InvalidParameter",
            "$expand can only be specified with a valid $filter",
            Map.of());
        return;
      }
      page(
          exchange,
          path,
          query,
          ordinaryVms().stream()
              .filter(
                  vm ->
                      filter.isEmpty()
                          || vm.scaleSet != null
                              && filter
                                  .toLowerCase(Locale.ROOT)
                                  .contains(scaleSetId(vm.scaleSet).toLowerCase(Locale.ROOT)))
              .map(
                  vm ->
                      "true".equalsIgnoreCase(query.get("statusOnly"))
                          ? vm.statusOnlyJson()
                          : vm.vmJson(expanded(query)))
              .toList());
    } else if (NICS.matcher(path).matches()) {
      page(exchange, path, query, ordinaryVms().stream().map(FakeVm::nicJson).toList());
    } else if (PUBLIC_IPS.matcher(path).matches()) {
      page(exchange, path, query, publicIps(ordinaryVms()));
    } else if (AUTOSCALE.matcher(path).matches()) {
      page(
          exchange,
          path,
          query,
          scaleSets.values().stream()
              .filter(s -> s.autoscale != null)
              .map(FakeScaleSet::autoscaleJson)
              .toList());
    } else {
      error(exchange, 404, "ResourceNotFound", "no route for " + method + " " + path, Map.of());
    }
  }

  /**
   * A Resource Graph query for the VMs with a tag, as the tagged-VM source asks it: the tag and the
   * resource group are read from the query text, the rows are the VMs' own (id, name, zones, tags,
   * vmId, provisioningState, powerState, nics), paged by $top and $skipToken.
   */
  private void resourceGraph(HttpExchange exchange, String body) throws IOException {
    var request = JSON.readTree(body);
    String query = request.path("query").asText();
    Matcher tag = GRAPH_TAG.matcher(query);
    if (!tag.find()) {
      error(exchange, 400, "BadRequest", "the stub answers tag queries only: " + query, Map.of());
      return;
    }
    String key = unquote(tag.group(1));
    String value = unquote(tag.group(2));
    List<Map<String, Object>> rows =
        ordinaryVms().stream()
            .filter(vm -> vm.tags != null && value.equals(vm.tags.get(key)))
            .map(FakeVm::resourceGraphRow)
            .toList();
    int top = request.path("options").path("$top").asInt(rows.size());
    int start = Integer.parseInt(request.path("options").path("$skipToken").asText("0"));
    int end = Math.min(rows.size(), start + Math.min(top, pageSize));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("totalRecords", rows.size());
    answer.put("count", end - start);
    answer.put("resultTruncated", "false");
    answer.put("facets", List.of());
    if (end < rows.size()) {
      answer.put("$skipToken", Integer.toString(end));
    }
    answer.put("data", rows.subList(start, end));
    send(exchange, 200, answer, Map.of());
  }

  private static String unquote(String kql) {
    return kql.replace("\\'", "'").replace("\\\\", "\\");
  }

  private void patch(HttpExchange exchange, FakeScaleSet scaleSet, String body) throws IOException {
    int capacity = JSON.readTree(body).path("sku").path("capacity").asInt(-1);
    if (capacity < 0) {
      error(exchange, 400, "InvalidRequestContent", "sku.capacity is missing", Map.of());
      return;
    }
    int id = operations.size() + 1;
    operations.put(
        id,
        operationError == null
            ? new Operation(scaleSet.resize(capacity), null)
            : new Operation(scaleSet.failingUpdate(), operationError));
    String status =
        "https://127.0.0.1:"
            + server.getAddress().getPort()
            + "/operations/"
            + id
            + "?api-version=2024-11-01";
    // As Resource Manager does for this PATCH: 200 with the resource as it is now, and where to
    // poll.
    send(
        exchange,
        200,
        patchBody != null ? patchBody : scaleSet.json(),
        Map.of("Azure-AsyncOperation", status, "Retry-After", "1"));
  }

  private static boolean expanded(Map<String, String> query) {
    return "instanceView".equalsIgnoreCase(query.get("$expand"));
  }

  private FakeScaleSet scaleSetNamed(String name) {
    FakeScaleSet scaleSet =
        scaleSets.get(URLDecoder.decode(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    if (scaleSet == null) {
      throw new IllegalArgumentException("no scale set " + name);
    }
    return scaleSet;
  }

  private List<FakeVm> ordinaryVms() {
    List<FakeVm> vms = new ArrayList<>(standalone);
    scaleSets.values().stream().filter(s -> s.flexible).forEach(s -> vms.addAll(s.vms()));
    return vms;
  }

  private static List<Map<String, Object>> publicIps(List<FakeVm> vms) {
    return vms.stream().filter(vm -> vm.publicIp != null).map(FakeVm::publicIpJson).toList();
  }

  /** One page of {@code items}, with a nextLink while more remain. */
  private void page(
      HttpExchange exchange,
      String path,
      Map<String, String> query,
      List<Map<String, Object>> items)
      throws IOException {
    int start = Integer.parseInt(query.getOrDefault("$skiptoken", "0"));
    int end = Math.min(items.size(), start + pageSize);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("value", items.subList(start, end));
    if (end < items.size()) {
      // Like Resource Manager's, the link carries the whole query (filter, expand) to the next
      // page.
      Map<String, String> next = new LinkedHashMap<>(query);
      next.put("$skiptoken", Integer.toString(end));
      body.put(
          "nextLink",
          "https://127.0.0.1:"
              + server.getAddress().getPort()
              + path
              + "?"
              + next.entrySet().stream()
                  .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                  .collect(Collectors.joining("&")));
    }
    send(exchange, 200, body, Map.of());
  }

  private static void error(
      HttpExchange exchange, int status, String code, String message, Map<String, String> headers)
      throws IOException {
    send(exchange, status, Map.of("error", Map.of("code", code, "message", message)), headers);
  }

  private static void send(
      HttpExchange exchange, int status, Object body, Map<String, String> headers)
      throws IOException {
    byte[] bytes =
        (body instanceof String text ? text : JSON.writeValueAsString(body))
            .getBytes(StandardCharsets.UTF_8);
    headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> query = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  /** A token bucket, refilled continuously. */
  private static final class ComputeBudget {
    private final int capacity;
    private final double refillPerNano;
    private final List<Integer> heard = new ArrayList<>();
    private double tokens;
    private long last = System.nanoTime();

    ComputeBudget(int capacity, int refillPerMinute) {
      this.capacity = capacity;
      this.refillPerNano = refillPerMinute / 60e9;
      this.tokens = capacity;
    }

    /** What is left after taking one; empty when there was none to take. */
    OptionalInt take() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) * refillPerNano);
      last = now;
      if (tokens < 1) {
        return OptionalInt.empty();
      }
      tokens -= 1;
      heard.add((int) tokens);
      return OptionalInt.of((int) tokens);
    }
  }

  /**
   * A long-running operation: in progress at the first poll, then done (the change takes effect) or
   * failed with its error.
   */
  private static final class Operation {
    private final Runnable complete;
    private final Map<String, String> error;
    private int polls;

    Operation(Runnable complete, Map<String, String> error) {
      this.complete = complete;
      this.error = error;
    }

    Map<String, Object> poll() {
      if (++polls < 2) {
        return Map.of("status", "InProgress");
      }
      if (error != null) {
        if (polls == 2) {
          complete.run();
        }
        return Map.of("status", "Failed", "error", error);
      }
      if (polls == 2) {
        complete.run();
      }
      return Map.of("status", "Succeeded");
    }
  }
}
