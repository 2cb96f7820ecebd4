package io.scalemesh.controlplane.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.controlplane.cache.Resources;
import io.scalemesh.controlplane.xds.EnvoyResources;
import io.scalemesh.controlplane.xds.TypeUrls;
import io.scalemesh.controlplane.xds.XdsResources;
import io.scalemesh.controlplane.xds.XdsSink;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code GET /api/xds}: the resources proxies are served now, per type with its
 * version, each in protobuf's JSON mapping with Envoy's field names (as Envoy's config_dump shows
 * them). Optionally only one type (its short name, e.g. "Cluster") and one resource name.
 */
final class XdsView {
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonFormat.Printer PROTO_JSON =
      JsonFormat.printer()
          .usingTypeRegistry(EnvoyResources.TYPE_REGISTRY)
          .preservingProtoFieldNames()
          .omittingInsignificantWhitespace();

  private XdsView() {}

  /**
   * @param type a short type name from {@link TypeUrls#SHORT_NAMES}, or empty for all
   * @param name a resource name, or empty for all
   */
  static String of(Optional<XdsSink.Served> served, Optional<String> type, Optional<String> name) {
    StringWriter body = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(body)) {
      json.writeStartObject();
      json.writeStringField("published_at", served.map(s -> s.at().toString()).orElse(null));
      json.writeStringField("mesh_version", served.map(XdsSink.Served::meshVersion).orElse(null));
      json.writeArrayFieldStart("types");
      for (XdsResources.Versioned<?> versioned :
          served.map(s -> s.resources().byType()).orElse(List.of())) {
        if (type.isEmpty() || TypeUrls.shortName(versioned.typeUrl()).equals(type.get())) {
          write(json, versioned, name);
        }
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return body.toString();
  }

  private static void write(
      JsonGenerator json, XdsResources.Versioned<?> versioned, Optional<String> name)
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
      throw new IllegalStateException(
          "a published resource holds a type the JSON printer does not know", e);
    }
  }
}
