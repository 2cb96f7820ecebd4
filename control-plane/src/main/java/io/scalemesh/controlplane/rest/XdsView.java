package io.scalemesh.controlplane.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.controlplane.cache.Resources;
import io.scalemesh.controlplane.publish.Published;
import io.scalemesh.controlplane.xds.EnvoyResources;
import io.scalemesh.controlplane.xds.XdsResources;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /api/xds}: the resources proxies are served now, per type with its
 * version, each in protobuf's JSON mapping with Envoy's field names (as Envoy's config_dump
 * shows them). Optionally only one type (its short name, e.g. "Cluster") and one resource name.
 */
final class XdsView {
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonFormat.Printer PROTO_JSON = JsonFormat.printer()
      .usingTypeRegistry(EnvoyResources.TYPE_REGISTRY)
      .preservingProtoFieldNames()
      .omittingInsignificantWhitespace();

  /** The short names {@code type} may take. */
  static final List<String> TYPES = List.of("Cluster", "ClusterLoadAssignment", "Listener", "RouteConfiguration");

  private XdsView() {}

  /**
   * @param type a short type name from {@link #TYPES}, or empty for all
   * @param name a resource name, or empty for all
   */
  static String of(Optional<Published> published, Optional<String> type, Optional<String> name) {
    StringWriter body = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("published_at", published.map(p -> p.at().toString()).orElse(null));
      json.writeStringField("mesh_version", published.map(p -> p.state().version()).orElse(null));
      json.writeArrayFieldStart("types");
      if (published.isPresent()) {
        for (XdsResources.Versioned<?> versioned : published.get().resources().byType()) {
          if (type.isEmpty() || shortName(versioned.typeUrl()).equals(type.get())) {
            write(json, versioned, name);
          }
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body.toString();
  }

  private static void write(JsonGenerator json, XdsResources.Versioned<?> versioned, Optional<String> name)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("type_url", versioned.typeUrl());
    json.writeStringField("version", versioned.version());
    json.writeArrayFieldStart("resources");
    for (Message resource : versioned.resources()) {
      if (name.isEmpty() || Resources.getResourceName(resource).equals(name.get())) {
        json.writeRawValue(print(resource));
      }
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static String print(Message resource) {
    try {
      return PROTO_JSON.print(resource);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a published resource holds a type the JSON printer does not know", e);
    }
  }

  private static String shortName(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }
}
