package io.scalemesh.benchmarks;

import io.scalemesh.console.Console;
import io.scalemesh.console.client.ConnectionSettings;
import io.scalemesh.console.client.ConnectionState;
import io.scalemesh.console.client.Connector;
import io.scalemesh.console.main.MainView;
import io.scalemesh.console.main.MainViewModel;
import io.scalemesh.console.settings.SettingsFile;
import io.scalemesh.console.signin.MicrosoftSignIn;
import io.scalemesh.console.signin.SignInViewModel;
import io.scalemesh.model.console.v1.WatchUpdate;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.stage.Stage;

/**
 * The console under a large, busy mesh: 1,000 instances, 50 proxies, every instance's calls moving
 * (the topology's traffic overlay redraws the cells on screen) and an update every 100 ms. For each
 * update, the time the FX thread takes to apply it to the view models and the scene graph (CSS and
 * layout included, rendering not), with each tab in turn on screen; then the process's resident
 * memory once the console holds an hour of history. Beside each time, the CPU time the FX thread
 * spent on it: on a shared machine the times include waiting for a core, the CPU times do not, so
 * they are what to compare between two versions when the machine is not quiet.
 *
 * <p>First it fills an hour of history as fast as the FX thread takes updates. The console keeps
 * one point per second of the control plane's clock and at most 2,000 events, so 3,600 updates a
 * second apart leave exactly what 36,000 updates 100 ms apart would, in a tenth of the time. Then
 * it applies a minute of updates paced at 100 ms in real time. JavaFX runs headless (Monocle,
 * software rendering), so no display is needed.
 *
 * <p>Usage: {@code ./run bench console [HISTORY_SECONDS [PACED_UPDATES [INSTANCES [PROXIES]]]]}
 * (default 3600 600 1000 50).
 */
public final class ConsoleBenchmark {
  private static final Duration INTERVAL = Duration.ofMillis(100);
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final MainViewModel viewModel;
  private final MainView view;
  private final Parent root;

  private ConsoleBenchmark(MainViewModel viewModel, MainView view) {
    this.viewModel = viewModel;
    this.view = view;
    this.root = view.root();
  }

  public static void main(String[] args) throws Exception {
    int historySeconds = args.length > 0 ? Integer.parseInt(args[0]) : 3_600;
    int pacedUpdates = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int instances = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    int proxies = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    startHeadlessToolkit();
    Path settings = Files.createTempDirectory("console-benchmark").resolve("console.properties");
    ConsoleBenchmark benchmark = fx(() -> open(new SettingsFile(settings)));
    benchmark.run(historySeconds, pacedUpdates, instances, proxies);
    System.exit(0);
  }

  private static void startHeadlessToolkit() throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("prism.text", "t2k");
    System.setProperty("java.awt.headless", "true");
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
  }

  private static ConsoleBenchmark open(SettingsFile settings) {
    MainViewModel viewModel =
        new MainViewModel(
            new Unconnected(),
            request ->
                CompletableFuture.failedFuture(
                    new UnsupportedOperationException("no scaling in a benchmark")),
            request ->
                CompletableFuture.failedFuture(
                    new UnsupportedOperationException("no holds in a benchmark")),
            request ->
                CompletableFuture.failedFuture(
                    new UnsupportedOperationException("no time travel in a benchmark")),
            settings,
            InstantSource.system());
    MainView view =
        new MainView(
            viewModel,
            new SignInViewModel(
                new MicrosoftSignIn(settings.secrets(), Optional.empty()),
                Platform::runLater,
                settings.secrets()),
            uri -> {});
    Stage stage = new Stage();
    stage.setScene(Console.scene(view));
    stage.show();
    viewModel.stateChanged(new ConnectionState.Live("benchmark", "bench", true));
    return new ConsoleBenchmark(viewModel, view);
  }

  private void run(int historySeconds, int pacedUpdates, int instances, int proxies)
      throws Exception {
    SyntheticMesh mesh = new SyntheticMesh(instances, proxies);
    WatchUpdate first = mesh.first();
    fx(() -> apply(first));
    List<Tab> tabs = view.tabs().getTabs();

    System.out.printf(
        "filling %d min of history: %,d updates a second apart, as fast as the FX thread takes them%n",
        historySeconds / 60, historySeconds);
    measure(mesh, historySeconds, tabs, 100, false, "back to back");

    System.out.printf("%,d updates paced at %d ms%n", pacedUpdates, INTERVAL.toMillis());
    measure(mesh, pacedUpdates, tabs, Math.max(1, pacedUpdates / tabs.size()), true, "paced");

    // The peak is read first: it is what the console needed while updates came, GC or not.
    String peak = fromProcStatus("VmHWM:");
    System.gc();
    Thread.sleep(1_000);
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(
        "memory after the history: RSS %s (peak %s), heap used after GC %.0f MB, max heap %.0f MB%n",
        fromProcStatus("VmRSS:"), peak, heap / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
  }

  /**
   * Applies {@code count} updates, showing each tab in turn for {@code perTab} updates, and reports
   * their times and CPU times by tab.
   */
  private void measure(
      SyntheticMesh mesh, int count, List<Tab> tabs, int perTab, boolean paced, String phase)
      throws Exception {
    Map<String, List<Long>> byTab = new LinkedHashMap<>();
    Map<String, List<Long>> cpuByTab = new LinkedHashMap<>();
    List<Long> allocated = new ArrayList<>();
    Map<String, List<Long>> switches = new LinkedHashMap<>();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Tab tab = tabs.get(i / perTab % tabs.size());
      if (i % perTab == 0) {
        long nanos = fx(() -> show(tab));
        switches.computeIfAbsent(tab.getText(), name -> new ArrayList<>()).add(nanos);
      }
      if (paced) {
        long due = start + i * INTERVAL.toNanos();
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      WatchUpdate update = mesh.next(paced ? INTERVAL : Duration.ofSeconds(1));
      Cost cost = fx(() -> apply(update));
      byTab.computeIfAbsent(tab.getText(), name -> new ArrayList<>()).add(cost.nanos());
      cpuByTab.computeIfAbsent(tab.getText(), name -> new ArrayList<>()).add(cost.cpuNanos());
      allocated.add(cost.bytes());
      if (!paced && (i + 1) % 600 == 0) {
        System.out.printf("  %d min of history%n", (i + 1) / 60);
      }
    }
    report("tab switch", switches);
    report(phase, byTab);
    report(phase + " cpu", cpuByTab);
    System.out.printf(
        "  %-16s FX thread allocated per update: p50 %.0f KB (young collections follow from it)%n",
        phase, allocated.stream().sorted().toList().get(allocated.size() / 2) / 1e3);
  }

  /**
   * Selects a tab and styles and lays it out, as the pulse after an operator's click would: the
   * console puts a tab's content in the scene only while it is selected, and that one-off cost
   * belongs to the click, not to the update that happens to come next. It is reported apart.
   */
  private long show(Tab tab) {
    long start = System.nanoTime();
    view.tabs().getSelectionModel().select(tab);
    root.applyCss();
    root.layout();
    return System.nanoTime() - start;
  }

  /**
   * On the FX thread: the update into the view models, then CSS and layout of the scene graph; its
   * time, the FX thread's CPU time and the bytes it allocated.
   */
  private Cost apply(WatchUpdate update) {
    long start = System.nanoTime();
    long startCpu = THREADS.getCurrentThreadCpuTime();
    long startBytes = THREADS.getCurrentThreadAllocatedBytes();
    viewModel.updated(update);
    root.applyCss();
    root.layout();
    return new Cost(
        System.nanoTime() - start,
        THREADS.getCurrentThreadCpuTime() - startCpu,
        THREADS.getCurrentThreadAllocatedBytes() - startBytes);
  }

  /** What applying one update cost the FX thread. */
  private record Cost(long nanos, long cpuNanos, long bytes) {}

  private static void report(String phase, Map<String, List<Long>> byTab) {
    List<Long> all = new ArrayList<>();
    byTab.forEach(
        (tab, samples) -> {
          all.addAll(samples);
          System.out.printf("  %-16s %-10s %s%n", phase, tab, Percentiles.ofNanos(samples));
        });
    System.out.printf("  %-16s %-10s %s%n", phase, "all", Percentiles.ofNanos(all));
  }

  /** A memory figure of this process, such as VmRSS (resident now) or VmHWM (resident at most). */
  private static String fromProcStatus(String field) throws Exception {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "unknown (no /proc)";
    }
    return Files.readAllLines(status).stream()
        .filter(line -> line.startsWith(field))
        .map(line -> "%.0f MB".formatted(Long.parseLong(line.replaceAll("\\D", "")) / 1e3))
        .findFirst()
        .orElse("unknown");
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(work.call());
          } catch (Exception | Error e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(60, TimeUnit.SECONDS);
    } catch (CompletionException e) {
      throw (Exception) e.getCause();
    }
  }

  /** The benchmark feeds updates itself; nothing connects. */
  private static final class Unconnected implements Connector {
    @Override
    public void connect(ConnectionSettings settings) {}

    @Override
    public CompletionStage<Optional<String>> test(ConnectionSettings settings) {
      return CompletableFuture.completedStage(Optional.of("the benchmark connects nowhere"));
    }

    @Override
    public void reconnectNow() {}

    @Override
    public void disconnect() {}
  }
}
