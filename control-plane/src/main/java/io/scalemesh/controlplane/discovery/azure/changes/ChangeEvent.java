package io.scalemesh.controlplane.discovery.azure.changes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One of Resource Manager's change events, as far as it matters here: its id (to drop a second
 * delivery), its type and its subject, the id of the resource that changed.
 *
 * <p>Both of Event Grid's delivery schemas are read, so that the subscription may use either: Event
 * Grid's own ({@code id}, {@code eventType}, {@code subject}) and CloudEvents 1.0 ({@code
 * specversion}, {@code id}, {@code type}, {@code subject}). Event Grid writes each event to the
 * queue as one message, Base64-encoded; a message of plain JSON is read too (a JSON object starts
 * with a brace, which Base64 never does), so that a hand-sent event works.
 */
record ChangeEvent(String id, String type, String subject) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The types the resource group's system topic sends: Microsoft.Resources.ResourceWrite... */
  private static final String RESOURCE_EVENTS = "Microsoft.Resources.";

  /**
   * @throws IllegalArgumentException saying what is wrong with the message, for the log
   */
  static ChangeEvent parse(String message) {
    String text = message.strip();
    JsonNode event;
    try {
      event = JSON.readTree(text.startsWith("{") ? text : decoded(text));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (event == null || !event.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    boolean cloudEvent = event.has("specversion");
    return new ChangeEvent(
        field(event, "id"),
        field(event, cloudEvent ? "type" : "eventType"),
        field(event, "subject"));
  }

  /** Whether it says a resource was written, deleted or acted on (not, say, a storage event). */
  boolean aboutAResource() {
    return type.startsWith(RESOURCE_EVENTS);
  }

  private static String decoded(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("neither JSON nor Base64");
    }
  }

  private static String field(JsonNode event, String name) {
    JsonNode value = event.get(name);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException("no '" + name + "' text");
    }
    return value.asText();
  }
}
