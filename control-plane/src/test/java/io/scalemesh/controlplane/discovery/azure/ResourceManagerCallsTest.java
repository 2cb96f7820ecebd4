package io.scalemesh.controlplane.discovery.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.controlplane.fixtures.azure.AzureSources;
import io.scalemesh.controlplane.fixtures.azure.FakeScaleSet;
import io.scalemesh.controlplane.fixtures.azure.ResourceManagerStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resource Manager calls per refresh of a scale set do not grow with its size: a fixed number of
 * lists, plus their further pages. The figures go to target/azure-calls-per-refresh.txt for
 * docs/benchmarks.md.
 */
class ResourceManagerCallsTest {
  private static final int PAGE = 100;
  private static final Map<Integer, String> FIGURES = new TreeMap<>();

  @ParameterizedTest(name = "{0} instances")
  @ValueSource(ints = {10, 100, 1000})
  void aRefreshMakesTheSameCallsWhateverTheSizePagesAside(int instances) throws IOException {
    for (boolean flexible : new boolean[] {false, true}) {
      try (ResourceManagerStub azure = new ResourceManagerStub()) {
        azure.pageSize(PAGE);
        FakeScaleSet scaleSet = azure.scaleSet("web", flexible, instances);
        scaleSet.autoscale(true, 1, 1000, 10, 75, 25);
        AzureSession session =
            AzureSession.connect(
                AzurePlane.config(azure.endpoint()), AzureSources.CREDENTIAL, status -> {});

        ScaleSetReader.View view =
            new ScaleSetReader(session, ResourceManagerStub.GROUP, "web", 80).read();
        new AutoscaleSettingReader(session, ResourceManagerStub.GROUP)
            .read(view.id(), Instant.now());

        assertThat(view.instances()).hasSize(instances);
        long firstPages =
            azure.requests().stream().filter(r -> !r.query().containsKey("$skiptoken")).count();
        long morePages = azure.requests().size() - firstPages;
        // The scale set, its VMs, their NICs, their public IPs, the autoscale settings.
        assertThat(firstPages).isEqualTo(5);
        // Lists of VMs, NICs (one per VM) and public IPs (every other VM) beyond their first page.
        int pages = (instances - 1) / PAGE;
        assertThat(morePages).isEqualTo(2L * pages + (instances / 2 - 1) / PAGE);
        FIGURES.put(
            instances * 10 + (flexible ? 1 : 0),
            String.format(
                Locale.ROOT,
                "%-9s %5d instances: %d calls (%d lists + %d further pages of %d)",
                flexible ? "Flexible" : "Uniform",
                instances,
                azure.requests().size(),
                firstPages,
                morePages,
                PAGE));
      }
    }
    Files.writeString(
        Path.of("target/azure-calls-per-refresh.txt"), String.join("\n", FIGURES.values()) + "\n");
  }
}
