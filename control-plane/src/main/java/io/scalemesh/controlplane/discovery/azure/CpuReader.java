package io.scalemesh.controlplane.discovery.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.monitor.fluent.models.MetadataValueInner;
import com.azure.resourcemanager.monitor.fluent.models.MetricInner;
import com.azure.resourcemanager.monitor.fluent.models.ResponseInner;
import com.azure.resourcemanager.monitor.models.MetricValue;
import com.azure.resourcemanager.monitor.models.TimeSeriesElement;
import com.azure.resourcemanager.monitor.models.Unit;
import io.scalemesh.controlplane.autoscale.CpuSample;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Percentage CPU" of a scale set from Azure Monitor: one call per grain, split by the VMName
 * dimension, so that one answer gives every instance's figure (the metrics API throttles callers
 * that ask per instance). The scale set's figure is the mean of its instances', as Azure's Average
 * is.
 */
final class CpuReader {
  private static final String METRIC = "Percentage CPU";
  private static final Duration GRAIN = Duration.ofMinutes(1);

  /** Monitor publishes a grain a few minutes late; look back far enough to find the newest one. */
  private static final Duration LOOK_BACK = Duration.ofMinutes(5);

  private final AzureSession azure;

  CpuReader(AzureSession azure) {
    this.azure = azure;
  }

  CpuSample read(String scaleSet, String scaleSetId, Instant at) {
    Instant end = at.truncatedTo(ChronoUnit.MINUTES);
    // The SDK puts the resource id after the host's slash: without its own leading slash, or the
    // path would start "//".
    ResponseInner response =
        azure
            .monitor()
            .serviceClient()
            .getMetrics()
            .listWithResponse(
                scaleSetId.replaceFirst("^/+", ""),
                end.minus(LOOK_BACK) + "/" + end,
                GRAIN,
                METRIC,
                "Average",
                null,
                null,
                "VMName eq '*'",
                null,
                "Microsoft.Compute/virtualMachineScaleSets",
                Context.NONE)
            .getValue();
    Map<String, Double> perInstance = new HashMap<>();
    for (MetricInner metric :
        response.value() == null ? List.<MetricInner>of() : response.value()) {
      requireCpu(metric);
      for (TimeSeriesElement series :
          metric.timeseries() == null ? List.<TimeSeriesElement>of() : metric.timeseries()) {
        String vm = vmName(series);
        Optional<Double> average = newest(series);
        if (average.isPresent()) {
          if (vm.isEmpty()) {
            throw new IllegalStateException(
                "Azure Monitor answered a CPU series without a VMName for " + scaleSet);
          }
          if (average.get() < 0 || average.get() > 100) {
            throw new IllegalStateException(
                "Azure Monitor answered CPU " + average.get() + "% for " + vm + ", outside 0-100");
          }
          perInstance.put(vm, average.get());
        }
      }
    }
    if (perInstance.isEmpty()) {
      // No figure is not 0%: reading it as idle would make an autoscaler scale in.
      throw new IllegalStateException(
          "Azure Monitor has no Percentage CPU for " + scaleSet + " yet");
    }
    double average =
        perInstance.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    return new CpuSample(scaleSet, at, average, perInstance);
  }

  /** An answer for another metric (or in another unit) is an error, never a CPU figure. */
  private static void requireCpu(MetricInner metric) {
    String name = metric.name() == null ? null : metric.name().value();
    if (!METRIC.equalsIgnoreCase(name) || !Unit.PERCENT.equals(metric.unit())) {
      throw new IllegalStateException(
          "Azure Monitor answered the metric '"
              + name
              + "' in "
              + metric.unit()
              + " where Percentage CPU in Percent was asked");
    }
  }

  private static Optional<Double> newest(TimeSeriesElement series) {
    return series.data() == null
        ? Optional.empty()
        : series.data().stream()
            .filter(value -> value.average() != null && value.timestamp() != null)
            .max(Comparator.comparing(MetricValue::timestamp))
            .map(MetricValue::average);
  }

  private static String vmName(TimeSeriesElement series) {
    return series.metadatavalues() == null
        ? ""
        : series.metadatavalues().stream()
            .filter(meta -> meta.name() != null && "vmname".equalsIgnoreCase(meta.name().value()))
            .map(MetadataValueInner::value)
            .findFirst()
            .orElse("");
  }
}
