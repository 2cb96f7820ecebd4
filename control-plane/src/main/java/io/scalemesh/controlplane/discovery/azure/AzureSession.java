package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Configuration;
import com.azure.identity.ChainedTokenCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.monitor.MonitorManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import io.scalemesh.controlplane.config.AzureConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import reactor.core.publisher.Mono;

/**
 * One Resource Manager connection shared by every Azure source: one HTTP pipeline (token, retries,
 * the JDK's HTTP client and so the JVM's TLS trust settings), and the compute, network and monitor
 * clients over it.
 */
public final class AzureSession {
  /**
   * The SDK retries timeouts and 5xx twice itself; beyond that a source backs off between
   * refreshes. A 429 is not retried inside a call: its Retry-After (seen at 120 s, even 1200 s)
   * would hold the refresh silently, so it fails the refresh at once, is reported, and the source
   * waits it out.
   */
  private static final RetryPolicy RETRIES =
      new RetryPolicy(
          new ExponentialBackoff(2, Duration.ofMillis(800), Duration.ofSeconds(8)) {
            @Override
            public boolean shouldRetryCondition(RequestRetryCondition condition) {
              return !(condition.getResponse() != null
                      && condition.getResponse().getStatusCode() == 429)
                  && super.shouldRetryCondition(condition);
            }
          });

  private final ComputeManager compute;
  private final NetworkManager network;
  private final MonitorManager monitor;
  private final ResourceGraphManager resourceGraph;
  private final String subscriptionId;
  private final RateLimits rateLimits;

  private AzureSession(AzureProfile profile, HttpPipeline pipeline, RateLimits rateLimits) {
    this.rateLimits = rateLimits;
    this.compute = ComputeManager.authenticate(pipeline, profile);
    this.network = NetworkManager.authenticate(pipeline, profile);
    this.monitor = MonitorManager.authenticate(pipeline, profile);
    this.resourceGraph = ResourceGraphManager.authenticate(pipeline, profile);
    this.subscriptionId = profile.getSubscriptionId();
  }

  /**
   * A session for {@code config}, as {@code credential}; {@code responses} hears the HTTP status of
   * every response Resource Manager sends (for metrics).
   */
  public static AzureSession connect(
      AzureConfig config, TokenCredential credential, IntConsumer responses) {
    AzureEnvironment environment = environment(config);
    AzureProfile profile =
        new AzureProfile(config.tenantId(), config.subscriptionId(), environment);
    RateLimits rateLimits = new RateLimits();
    HttpPipeline pipeline =
        HttpPipelineProvider.buildHttpPipeline(
            credential,
            profile,
            null,
            new HttpLogOptions(),
            Configuration.getGlobalConfiguration(),
            RETRIES,
            List.of(counting(responses), rateLimits.policy()),
            new JdkHttpClientBuilder().build());
    return new AzureSession(profile, pipeline, rateLimits);
  }

  /**
   * The VM's managed identity (user-assigned when a client id is configured), else the SDK's
   * default chain.
   */
  public static TokenCredential credential(AzureConfig config) {
    String authority = environment(config).getActiveDirectoryEndpoint();
    ManagedIdentityCredentialBuilder managedIdentity = new ManagedIdentityCredentialBuilder();
    if (config.managedIdentityClientId() != null) {
      managedIdentity.clientId(config.managedIdentityClientId());
    }
    DefaultAzureCredentialBuilder chain =
        new DefaultAzureCredentialBuilder().authorityHost(authority);
    if (config.tenantId() != null) {
      chain.tenantId(config.tenantId());
    }
    return new ChainedTokenCredentialBuilder()
        .addLast(managedIdentity.build())
        .addLast(chain.build())
        .build();
  }

  static AzureEnvironment environment(AzureConfig config) {
    return switch (config.cloud()) {
      case "china" -> AzureEnvironment.AZURE_CHINA;
      case "us-government" -> AzureEnvironment.AZURE_US_GOVERNMENT;
      case "custom" -> {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", config.resourceManagerEndpoint().toString());
        endpoints.put("managementEndpointUrl", config.resourceManagerEndpoint().toString());
        endpoints.put("activeDirectoryEndpointUrl", config.authority().toString());
        yield new AzureEnvironment(endpoints);
      }
      default -> AzureEnvironment.AZURE;
    };
  }

  private static HttpPipelinePolicy counting(IntConsumer responses) {
    return new HttpPipelinePolicy() {
      @Override
      public Mono<HttpResponse> process(
          HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().doOnNext(response -> responses.accept(response.getStatusCode()));
      }
    };
  }

  /** The subscription every read is in. */
  String subscriptionId() {
    return subscriptionId;
  }

  ComputeManager compute() {
    return compute;
  }

  NetworkManager network() {
    return network;
  }

  MonitorManager monitor() {
    return monitor;
  }

  ResourceGraphManager resourceGraph() {
    return resourceGraph;
  }

  /** What Resource Manager's answers over this session said is left of its call budgets. */
  RateLimits rateLimits() {
    return rateLimits;
  }
}
