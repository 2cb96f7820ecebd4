package io.scalemesh.benchmarks.processes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the benchmark starts (with its own class path and flags, and {@code options} on top) and
 * talks to by {@link Protocol}. Its stderr goes to a log file in the temporary folder.
 */
final class JavaProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final PrintWriter stdin;
  private final BlockingQueue<String[]> answers = new LinkedBlockingQueue<>();

  private JavaProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread.ofPlatform().daemon().name(name + "-stdout").start(this::readAnswers);
  }

  static JavaProcess start(String name, List<String> options, Class<?> main, Object... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(options);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    Path log = Path.of(System.getProperty("java.io.tmpdir"), "scalemesh-bench-" + name + ".log");
    try {
      return new JavaProcess(
          name,
          new ProcessBuilder(command)
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " process", e);
    }
  }

  void send(String command) {
    stdin.println(command);
  }

  /**
   * The values of the next answer {@code word} (earlier answers of other words are passed over).
   *
   * @throws IllegalStateException if it ends or does not answer within {@code timeout}
   */
  String[] expect(String word, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String[] answer = answers.poll(100, TimeUnit.MILLISECONDS);
      if (answer != null && answer[0].equals(word)) {
        return answer;
      }
      if (answer == null && !process.isAlive() && answers.isEmpty()) {
        throw new IllegalStateException(
            name + " ended (exit " + process.exitValue() + "); see its log");
      }
    }
    throw new IllegalStateException(name + " did not answer " + word + " within " + timeout);
  }

  /** Ends it at once, as a crash or a lost VM would (SIGKILL). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    stdin.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }

  private void readAnswers() {
    try (BufferedReader stdout =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = stdout.readLine(); line != null; line = stdout.readLine()) {
        if (line.startsWith(Protocol.PREFIX)) {
          answers.add(line.substring(Protocol.PREFIX.length()).split(" "));
        }
      }
    } catch (IOException e) {
      // The process ended: expect() says so.
    }
  }
}
