package io.scalemesh.controlplane.discovery.azure.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A queue message's event, in either of Event Grid's schemas; and the ids seen lately. */
class ChangeEventTest {
  private static final String VMSS =
      "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/web";

  @Test
  void eventGridsSchemaAndCloudEventsAreReadBase64EncodedOrNot() {
    String eventGrid =
        """
        {"id": "e1", "eventType": "Microsoft.Resources.ResourceWriteSuccess", "subject": "%s",
         "topic": "/subscriptions/s/resourceGroups/rg", "data": {"resourceUri": "%s"}}
        """
            .formatted(VMSS, VMSS);
    String cloudEvent =
        """
        {"specversion": "1.0", "id": "e2", "type": "Microsoft.Resources.ResourceDeleteSuccess",
         "source": "/subscriptions/s/resourceGroups/rg", "subject": "%s/virtualMachines/1"}
        """
            .formatted(VMSS);

    ChangeEvent written = ChangeEvent.parse(base64(eventGrid));
    assertThat(written)
        .isEqualTo(new ChangeEvent("e1", "Microsoft.Resources.ResourceWriteSuccess", VMSS));
    assertThat(written.aboutAResource()).isTrue();
    assertThat(ChangeEvent.parse(eventGrid)).isEqualTo(written);
    assertThat(ChangeEvent.parse(base64(cloudEvent)))
        .isEqualTo(
            new ChangeEvent(
                "e2", "Microsoft.Resources.ResourceDeleteSuccess", VMSS + "/virtualMachines/1"));
    assertThat(
            ChangeEvent.parse(
                    "{\"id\": \"e3\", \"eventType\": \"Microsoft.Storage.BlobCreated\", \"subject\": \"x\"}")
                .aboutAResource())
        .isFalse();
  }

  @Test
  void aMessageThatIsNoEventSaysWhy() {
    assertThatThrownBy(() -> ChangeEvent.parse("no event here"))
        .hasMessage("neither JSON nor Base64");
    assertThatThrownBy(() -> ChangeEvent.parse(base64("[1, 2]"))).hasMessage("not a JSON object");
    assertThatThrownBy(() -> ChangeEvent.parse("{\"id\": ")).hasMessageStartingWith("not JSON: ");
    assertThatThrownBy(
            () -> ChangeEvent.parse("{\"id\": 7, \"eventType\": \"t\", \"subject\": \"s\"}"))
        .hasMessage("no 'id' text");
    assertThatThrownBy(
            () ->
                ChangeEvent.parse(
                    "{\"specversion\": \"1.0\", \"id\": \"e\", \"eventType\": \"t\"}"))
        .hasMessage("no 'type' text");
    assertThatThrownBy(() -> ChangeEvent.parse("")).hasMessage("not a JSON object");
  }

  @Test
  void anIdIsARepeatWithinTheWindowAndWhileItIsAmongTheNewestKept() {
    RecentIds seen = new RecentIds(Duration.ofMinutes(10), 2);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    assertThat(seen.firstTime("a", t0)).isTrue();
    assertThat(seen.firstTime("a", t0.plusSeconds(60))).isFalse();
    assertThat(seen.firstTime("a", t0.plus(Duration.ofMinutes(11)))).isTrue();

    assertThat(seen.firstTime("b", t0.plus(Duration.ofMinutes(11)))).isTrue();
    assertThat(seen.firstTime("c", t0.plus(Duration.ofMinutes(11)))).isTrue(); // "a" is forgotten
    assertThat(seen.firstTime("a", t0.plus(Duration.ofMinutes(11)))).isTrue();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
