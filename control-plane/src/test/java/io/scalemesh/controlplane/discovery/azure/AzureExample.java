package io.scalemesh.controlplane.discovery.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An example response of Azure's REST API specification (the files under {@code examples/}, listed
 * with their sources in SOURCES.md), made servable by the local Resource Manager: its 200 body,
 * without a nextLink that points at management.azure.com, with ids and names rewritten to the
 * stub's. Nothing else of the answer changes: its shapes and oddities are Azure's.
 */
final class AzureExample {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String file;
  private final Map<String, String> rewrites = new LinkedHashMap<>();

  private AzureExample(String file) {
    this.file = file;
  }

  static AzureExample of(String file) {
    return new AzureExample(file);
  }

  /**
   * Replaces what matches {@code regex} (an id or a name of the example) with {@code replacement},
   * in the order given.
   */
  AzureExample rewrite(String regex, String replacement) {
    rewrites.put(regex, replacement);
    return this;
  }

  /** The example's subscription and resource group become the stub's. */
  AzureExample inStubsGroup(String subscription, String resourceGroup) {
    return rewrite(
            Pattern.quote("/subscriptions/" + subscription + "/"),
            "/subscriptions/" + ResourceManagerStub.SUBSCRIPTION + "/")
        .rewrite(
            Pattern.quote("/resourceGroups/" + resourceGroup + "/"),
            "/resourceGroups/" + ResourceManagerStub.GROUP + "/");
  }

  String body() {
    try (InputStream in = AzureExample.class.getResourceAsStream("examples/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no example " + file);
      }
      ObjectNode body = (ObjectNode) JSON.readTree(in).path("responses").path("200").path("body");
      body.remove("nextLink");
      String text = JSON.writeValueAsString(body);
      for (Map.Entry<String, String> rewrite : rewrites.entrySet()) {
        text = text.replaceAll(rewrite.getKey(), Matcher.quoteReplacement(rewrite.getValue()));
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
