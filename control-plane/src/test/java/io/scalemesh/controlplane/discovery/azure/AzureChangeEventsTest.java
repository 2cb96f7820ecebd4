package io.scalemesh.controlplane.discovery.azure;

import static io.scalemesh.controlplane.fixtures.TestTokens.bearer;
import static io.scalemesh.controlplane.fixtures.TestTokens.sha;
import static io.scalemesh.controlplane.fixtures.azure.ResourceEvents.DELETE;
import static io.scalemesh.controlplane.fixtures.azure.ResourceEvents.WRITE;
import static io.scalemesh.controlplane.fixtures.azure.ResourceEvents.base64;
import static io.scalemesh.controlplane.fixtures.azure.ResourceEvents.cloudEvent;
import static io.scalemesh.controlplane.fixtures.azure.ResourceEvents.eventGrid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.scalemesh.controlplane.ControlPlane;
import io.scalemesh.controlplane.config.ScalemeshConfig;
import io.scalemesh.controlplane.discovery.azure.changes.ChangeEventReader;
import io.scalemesh.controlplane.fixtures.AdsSubscriber;
import io.scalemesh.controlplane.fixtures.ColdStartPatience;
import io.scalemesh.controlplane.fixtures.Teardown;
import io.scalemesh.controlplane.fixtures.TestChannels;
import io.scalemesh.controlplane.fixtures.TestConfigs;
import io.scalemesh.controlplane.fixtures.TestHttp;
import io.scalemesh.controlplane.fixtures.azure.AzureSources;
import io.scalemesh.controlplane.fixtures.azure.Azurite;
import io.scalemesh.controlplane.fixtures.azure.FakeScaleSet;
import io.scalemesh.controlplane.fixtures.azure.FakeVm;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import io.scalemesh.model.console.v1.ConsoleGrpc;
import io.scalemesh.model.console.v1.Event;
import io.scalemesh.model.console.v1.EventKind;
import io.scalemesh.model.console.v1.WatchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Resource Manager's change events, as an Event Grid subscription writes them to a Storage queue
 * (Azurite's, here), make a control plane read the scale set they name at once, although its period
 * is five minutes; what no event should do is dropped, logged, counted and deleted; and a queue
 * that goes away leaves discovery polling, shows once, and is read again when it is back.
 */
@ExtendWith(ColdStartPatience.class)
class AzureChangeEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUEUE = "scale-events";

  @TempDir Path dir;

  @RegisterExtension final Teardown teardown = new Teardown();

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger readerLog = (Logger) LoggerFactory.getLogger(ChangeEventReader.class);
  private ResourceManagerStub azure;
  private Azurite azurite;
  private QueueClient events;
  private ControlPlane plane;
  private AdsSubscriber xds;

  @BeforeEach
  void startAzure() throws Exception {
    azure = teardown.add(new ResourceManagerStub());
    azurite = teardown.add(new Azurite(dir.resolve("azurite")));
    events = azurite.queue(QUEUE);
    events.create();
    logs.start();
    readerLog.addAppender(logs);
  }

  @AfterEach
  void stopListening() {
    readerLog.detachAppender(logs);
  }

  @Test
  void anEventAboutAUniformScaleSetOrOneOfItsInstancesHasItReadWithinASecond() throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    start("web", 300);

    web.add();
    Duration first =
        readWithinASecondOf(eventGrid(WRITE, ResourceManagerStub.scaleSetId("web")), "web");
    await().until(() -> xds.endpoints().size() == 3);

    web.add();
    Duration second =
        readWithinASecondOf(
            cloudEvent(WRITE, ResourceManagerStub.scaleSetId("web") + "/virtualMachines/3"), "web");
    await().until(() -> xds.endpoints().size() == 4);

    await().until(this::queueIsEmpty);
    assertThat(TestHttp.metrics(plane))
        .contains("scalemesh_azure_change_events_total{outcome=\"hinted\"} 2.0")
        .contains("scalemesh_azure_change_events_healthy 1.0");
    System.out.printf(
        "event to read, Uniform scale set: %d ms, %d ms%n", first.toMillis(), second.toMillis());
  }

  @Test
  void anEventAboutAVmInTheGroupOfAFlexibleScaleSetHasItReadWithinASecond() throws Exception {
    FakeScaleSet api = azure.scaleSet("api", true, 2);
    start("api", 300);

    FakeVm added = api.add();
    Duration read =
        readWithinASecondOf(
            eventGrid(
                WRITE,
                ResourceManagerStub.GROUP_ID
                    + "/providers/Microsoft.Compute/virtualMachines/"
                    + added.name),
            "api");

    await().until(() -> xds.endpoints().size() == 3);
    await().until(this::queueIsEmpty);
    System.out.printf("event to read, Flexible scale set: %d ms%n", read.toMillis());
  }

  @Test
  void malformedRepeatedAndForeignEventsAreDroppedLoggedCountedAndDeleted() throws Exception {
    azure.scaleSet("web", false, 2);
    start("web", 300);
    Instant sent = Instant.now();

    events.sendMessage("this is no event");
    events.sendMessage(base64("{\"id\": 7, \"eventType\": \"" + WRITE + "\"}"));
    String once = eventGrid(DELETE, ResourceManagerStub.scaleSetId("web") + "/virtualMachines/1");
    events.sendMessage(base64(once));
    events.sendMessage(base64(once)); // Event Grid delivers at least once
    String web = ResourceManagerStub.scaleSetId("web");
    events.sendMessage(
        base64(
            eventGrid(
                WRITE,
                web.replace(ResourceManagerStub.SUBSCRIPTION, UUID.randomUUID().toString()))));
    events.sendMessage(base64(eventGrid(WRITE, web.replace("rg-mesh", "rg-other"))));
    events.sendMessage(
        base64(
            eventGrid(
                WRITE,
                ResourceManagerStub.GROUP_ID
                    + "/providers/Microsoft.Storage/storageAccounts/logs")));

    await().until(this::queueIsEmpty);
    await()
        .untilAsserted(
            () ->
                assertThat(TestHttp.metrics(plane))
                    .contains("scalemesh_azure_change_events_total{outcome=\"malformed\"} 2.0")
                    .contains("scalemesh_azure_change_events_total{outcome=\"duplicate\"} 1.0")
                    .contains("scalemesh_azure_change_events_total{outcome=\"foreign\"} 3.0")
                    .contains("scalemesh_azure_change_events_total{outcome=\"hinted\"} 1.0"));
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(line -> line.startsWith("change event dropped"))
        .hasSize(6)
        .anySatisfy(
            line -> assertThat(line).contains("(malformed): ").contains("neither JSON nor Base64"))
        .anySatisfy(line -> assertThat(line).contains("(malformed): ").contains("no 'id' text"))
        .anySatisfy(line -> assertThat(line).contains("(duplicate): "))
        .anySatisfy(line -> assertThat(line).contains("(foreign): ").contains("rg-other"));
    // Only the one event that concerns the scale set had it read.
    Thread.sleep(1_500);
    assertThat(readsOf("web").stream().filter(at -> at.isAfter(sent))).hasSize(1);
  }

  @Test
  void withTheQueueGoneDiscoveryPollsTheOutageShowsOnceAndTheQueueIsReadAgainWhenBack()
      throws Exception {
    FakeScaleSet web = azure.scaleSet("web", false, 2);
    start("web", 2);

    azurite.stop();
    web.add();
    await().atMost(Duration.ofSeconds(20)).until(() -> xds.endpoints().size() == 3);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> TestHttp.metrics(plane).contains("scalemesh_azure_change_events_healthy 0.0"));
    Thread.sleep(6_000); // several more tries, backing off: 1 s, 2 s, 4 s
    assertThat(queueErrors()).hasSize(1);

    azurite.start();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> TestHttp.metrics(plane).contains("scalemesh_azure_change_events_healthy 1.0"));
    events.sendMessage(base64(eventGrid(WRITE, ResourceManagerStub.scaleSetId("web"))));
    await().until(this::queueIsEmpty);
    assertThat(TestHttp.metrics(plane))
        .contains("scalemesh_azure_change_events_total{outcome=\"hinted\"} 1.0");
    assertThat(queueErrors()).hasSize(1);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("cannot be read"))
        .anySatisfy(line -> assertThat(line).contains("is read again"));
  }

  /** Serves {@code scaleSet} with this period, reading its change events from the queue. */
  private void start(String scaleSet, int refreshSeconds) throws Exception {
    Path connectionString =
        Files.writeString(dir.resolve("queue-connection-string"), azurite.connectionString());
    ScalemeshConfig config =
        TestConfigs.fromYaml(
            dir,
            """
        azure:
          cloud: custom
          resource_manager_endpoint: '%s'
          authority: '%s'
          subscription_id: %s
          change_events: {queue: '%s', connection_string_file: '%s'}
        console_api:
          tokens: [{identity: watcher, role: viewer, sha256: %s}]
        services:
          - name: %s
            protocol: http
            discovery: {kind: azure-vmss, resource_group: rg-mesh, scale_set: %s, port: 80, refresh_seconds: %d}
        """
                .formatted(
                    azure.endpoint(),
                    azure.endpoint(),
                    ResourceManagerStub.SUBSCRIPTION,
                    azurite.queueUrl(QUEUE),
                    connectionString,
                    sha("viewer-token"),
                    scaleSet,
                    scaleSet,
                    refreshSeconds));
    plane =
        teardown.add(
            ControlPlane.startWith(
                config, List.of(AzureSources.firstVmss(config)), Clock.systemUTC()));
    xds = teardown.add(AdsSubscriber.endpointsOf(plane.xdsPort(), scaleSet));
    await().until(() -> xds.endpoints().size() == 2);
  }

  /**
   * Sends {@code event} once a hinted read may start at once (a second after the last), and returns
   * how long after it the scale set's next read started, which must be within a second.
   */
  private Duration readWithinASecondOf(String event, String scaleSet) throws Exception {
    Instant last = readsOf(scaleSet).getLast();
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), last.plusMillis(1_100)).toMillis()));
    Instant sent = Instant.now();
    events.sendMessage(base64(event));
    Instant read =
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> readsOf(scaleSet).stream().filter(at -> at.isAfter(sent)).findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    Duration took = Duration.between(sent, read);
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    return took;
  }

  /** When the scale set itself was asked for: each read of it starts so. */
  private List<Instant> readsOf(String scaleSet) {
    return azure.requests().stream()
        .filter(
            r ->
                r.method().equals("GET")
                    && r.path().toLowerCase().endsWith("/virtualmachinescalesets/" + scaleSet))
        .map(ResourceManagerStub.Request::at)
        .toList();
  }

  private boolean queueIsEmpty() {
    return events.getProperties().getApproximateMessagesCount() == 0;
  }

  /** The status stream's discovery errors about the change events' queue, from its history. */
  private List<Event> queueErrors() throws InterruptedException {
    ManagedChannel channel = TestChannels.plaintext(plane.consoleApiPort());
    try {
      return ConsoleGrpc.newBlockingStub(channel)
          .withCallCredentials(bearer("viewer-token"))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .watch(WatchRequest.getDefaultInstance())
          .next()
          .getHistory()
          .getEventsList()
          .stream()
          .filter(
              e ->
                  e.getKind() == EventKind.EVENT_KIND_DISCOVERY_ERROR
                      && e.getMessage().contains("change events' queue"))
          .toList();
    } finally {
      TestChannels.close(channel);
    }
  }
}
