package io.scalemesh.benchmarks.processes;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the benchmark and its processes talk: commands on stdin, one a line; answers on stdout, one a
 * line that starts with {@link #PREFIX} and a word, then values separated by spaces (whatever else
 * a process prints, such as logs, is passed over). Times are {@link System#nanoTime()}, which on
 * Linux is the machine's monotonic clock, the same in every process.
 */
final class Protocol {
  static final String PREFIX = "@bench ";
  private static final BufferedReader STDIN =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private Protocol() {}

  static void say(String word, Object... values) {
    String line =
        PREFIX
            + word
            + Arrays.stream(values).map(value -> " " + value).collect(Collectors.joining());
    synchronized (System.out) {
      System.out.println(line);
      System.out.flush();
    }
  }

  /** The next command, or null once the benchmark closed stdin. */
  static String readLine() throws IOException {
    return STDIN.readLine();
  }

  static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
