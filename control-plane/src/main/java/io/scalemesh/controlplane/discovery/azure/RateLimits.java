package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * What Resource Manager's answers say is left of the call budgets that throttle us: Compute's
 * per-resource policies ({@code x-ms-ratelimit-remaining-resource:
 * Microsoft.Compute/GetVMScaleSet3Min;197,...}) and the subscription's reads ({@code
 * x-ms-ratelimit-remaining-subscription-reads}). Each answer replaces what an earlier one said of
 * the same budget; a header that cannot be read is left out, never guessed.
 */
final class RateLimits {
  static final HttpHeaderName RESOURCE =
      HttpHeaderName.fromString("x-ms-ratelimit-remaining-resource");
  static final HttpHeaderName SUBSCRIPTION_READS =
      HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-reads");

  private final Map<String, Integer> remaining = new ConcurrentHashMap<>();

  /** The pipeline step that reads the headers of every answer. */
  HttpPipelinePolicy policy() {
    return new HttpPipelinePolicy() {
      @Override
      public Mono<HttpResponse> process(
          HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        return next.process().doOnNext(response -> heard(response.getHeaders()));
      }
    };
  }

  /** Takes in what an answer's headers say. */
  void heard(HttpHeaders headers) {
    var resource = headers.get(RESOURCE);
    if (resource != null) {
      resource.getValuesList().forEach(this::resourcePolicies);
    }
    String reads = headers.getValue(SUBSCRIPTION_READS);
    if (reads != null) {
      count(reads).ifPresent(left -> remaining.put("subscription-reads", left));
    }
  }

  /** "Microsoft.Compute/GetVMScaleSet3Min;197,Microsoft.Compute/GetVMScaleSet30Min;1297" */
  private void resourcePolicies(String header) {
    for (String policy : List.of(header.split(","))) {
      int semicolon = policy.lastIndexOf(';');
      if (semicolon > 0) {
        count(policy.substring(semicolon + 1))
            .ifPresent(left -> remaining.put(policy.substring(0, semicolon).trim(), left));
      }
    }
  }

  private static OptionalInt count(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  /** The smallest budget left of those the answers named; empty before any did. */
  OptionalInt lowest() {
    return remaining.values().stream().mapToInt(Integer::intValue).min();
  }

  /** Every budget as last heard, by policy name. */
  Map<String, Integer> remaining() {
    return Map.copyOf(remaining);
  }
}
