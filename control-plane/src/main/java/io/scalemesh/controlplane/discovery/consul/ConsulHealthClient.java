package io.scalemesh.controlplane.discovery.consul;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scalemesh.controlplane.config.ConsulConfig;
import io.scalemesh.controlplane.tls.PemTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Blocking queries of Consul's health endpoint, over the JDK's HTTP client. */
final class ConsulHealthClient implements AutoCloseable {
  /**
   * Beyond the wait and Consul's own jitter (up to wait/16), how long an answer may take to arrive.
   */
  private static final Duration GRACE = Duration.ofSeconds(3);

  /** How often a blocking query's wait checks that Consul still answers at all. */
  private static final Duration LIVENESS_INTERVAL = Duration.ofSeconds(5);

  private static final Duration LIVENESS_TIMEOUT = Duration.ofSeconds(3);
  private static final int MAX_ERROR_BODY = 200;
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private static final TypeReference<List<HealthEntry>> ENTRIES = new TypeReference<>() {};

  private final ConsulConfig config;
  private final Supplier<Optional<String>> token;
  private final HttpClient http;

  /** {@code token} is asked before each query, so that a rotated token file takes effect. */
  ConsulHealthClient(ConsulConfig config, Supplier<Optional<String>> token) {
    this.config = config;
    this.token = token;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (config.tls() != null) {
      ConsulConfig.Tls tls = config.tls();
      builder.sslContext(
          PemTls.context(
              Optional.ofNullable(tls.caFile()),
              Optional.ofNullable(tls.certificate()),
              Optional.ofNullable(tls.privateKey())));
    }
    this.http = builder.build();
  }

  /**
   * The index and instances of one service: at once for a fresh index, else when it changes or the
   * wait ends.
   */
  Answer health(String service, Optional<String> tag, long index)
      throws ConsulException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(service, tag, index))
            .timeout(config.blockingWait().plus(config.blockingWait().dividedBy(16)).plus(GRACE))
            .GET();
    try {
      token.get().ifPresent(t -> request.header("X-Consul-Token", t));
    } catch (UncheckedIOException e) {
      throw new ConsulException(e.getMessage(), e);
    }
    return answer(
        awaitAnswer(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())));
  }

  /**
   * The answer to a blocking query, which may rightly take the whole wait. Meanwhile Consul's
   * status endpoint is asked every {@link #LIVENESS_INTERVAL}: a server that accepts connections
   * and answers nothing is noticed within that and {@link #LIVENESS_TIMEOUT}, not after the wait.
   */
  private HttpResponse<String> awaitAnswer(CompletableFuture<HttpResponse<String>> answer)
      throws ConsulException, InterruptedException {
    try {
      while (true) {
        try {
          return answer.get(LIVENESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          Optional<String> dead = unanswered();
          if (dead.isPresent()) {
            throw new ConsulException(
                "Consul at " + config.address() + " stopped answering: " + dead.get(), e);
          }
        }
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof HttpTimeoutException) {
        throw new ConsulException(
            "Consul did not answer within the wait, its jitter and "
                + GRACE.toSeconds()
                + " s more",
            e.getCause());
      }
      throw new ConsulException(
          "Consul at " + config.address() + " is unreachable: " + e.getCause(), e.getCause());
    } finally {
      answer.cancel(true);
    }
  }

  /** Why Consul's status endpoint did not answer in time, if it did not. */
  private Optional<String> unanswered() throws InterruptedException {
    HttpRequest leader =
        HttpRequest.newBuilder(URI.create(base() + "/v1/status/leader"))
            .timeout(LIVENESS_TIMEOUT)
            .GET()
            .build();
    try {
      http.send(leader, HttpResponse.BodyHandlers.discarding());
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("its status check failed: " + e);
    }
  }

  private static Answer answer(HttpResponse<String> response) throws ConsulException {
    if (response.statusCode() != 200) {
      String body = response.body().strip();
      throw new ConsulException(
          "Consul answered HTTP "
              + response.statusCode()
              + ": "
              + body.substring(0, Math.min(body.length(), MAX_ERROR_BODY)));
    }
    if (response
        .headers()
        .firstValue("X-Consul-KnownLeader")
        .filter("false"::equalsIgnoreCase)
        .isPresent()) {
      throw new ConsulException("Consul has no known leader, so its answer may be stale");
    }
    if (response
        .headers()
        .firstValue("X-Consul-Results-Filtered-By-ACLs")
        .filter("true"::equalsIgnoreCase)
        .isPresent()) {
      // Taking it would remove every instance the token may not read: a partial set.
      throw new ConsulException(
          "Consul left out instances the ACL token may not read (it needs service:read and node:read)");
    }
    long index;
    try {
      index = Long.parseLong(response.headers().firstValue("X-Consul-Index").orElseThrow());
    } catch (RuntimeException e) {
      throw new ConsulException("Consul's answer has no valid X-Consul-Index header", e);
    }
    try {
      List<HealthEntry> entries = JSON.readValue(response.body(), ENTRIES);
      if (entries == null) {
        throw new ConsulException("Consul's answer is not a list of health entries");
      }
      return new Answer(index, entries);
    } catch (JacksonException e) {
      throw new ConsulException("Consul's answer is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private URI uri(String service, Optional<String> tag, long index) {
    List<String> query = new ArrayList<>();
    if (index != BlockingIndex.FRESH) {
      query.add("index=" + index);
      query.add("wait=" + config.blockingWait().toSeconds() + "s");
    }
    Optional.ofNullable(config.datacenter()).ifPresent(dc -> query.add("dc=" + encode(dc)));
    tag.ifPresent(t -> query.add("tag=" + encode(t)));
    return URI.create(
        base()
            + "/v1/health/service/"
            + encode(service)
            + (query.isEmpty() ? "" : "?" + String.join("&", query)));
  }

  private String base() {
    return config.address().toString().replaceAll("/+$", "");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * Abandons a query in flight: a blocking query may otherwise hold a closing control plane for
   * minutes.
   */
  @Override
  public void close() {
    http.shutdownNow();
  }

  /** What one query returned. */
  record Answer(long index, List<HealthEntry> entries) {}
}
