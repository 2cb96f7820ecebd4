package io.scalemesh.controlplane.publish;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.scalemesh.controlplane.mesh.Instance;
import io.scalemesh.controlplane.mesh.MeshState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances last published, kept on disk so that the guard of the next start measures its first
 * discovery against them: a control plane that restarts while a source misreports half a fleet gone
 * holds that removal as one that had kept running would. The file is a cache, never an input: when
 * it is missing, unreadable or older than {@code maxAge}, the start goes on without it, as if there
 * were none.
 */
public final class LastPublishedFile implements PublishListener {
  private static final Logger LOG = LoggerFactory.getLogger(LastPublishedFile.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final Clock clock;

  /**
   * What the file holds: when it was published (epoch milliseconds), and each scale set's
   * instances.
   */
  record Contents(long publishedAtMillis, Map<String, List<Instance>> instances) {}

  public LastPublishedFile(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /**
   * The instances last published, unless the file is missing, unreadable or older than {@code
   * maxAge}.
   */
  public Map<String, List<Instance>> load(Duration maxAge) {
    try {
      Contents contents = JSON.readValue(Files.readString(file), Contents.class);
      Duration age =
          Duration.between(Instant.ofEpochMilli(contents.publishedAtMillis()), clock.instant());
      if (age.compareTo(maxAge) > 0) {
        LOG.info(
            "{} is {} min old, older than a hold lasts: the fleet may have changed since, so it is not used",
            file,
            age.toMinutes());
        return Map.of();
      }
      return contents.instances();
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "{} cannot be read, so this start holds no removal of what was published before it: {}",
          file,
          e instanceof JacksonException json ? json.getOriginalMessage() : e.toString());
      return Map.of();
    }
  }

  @Override
  public void published(Optional<Published> previous, Published next) {
    Map<String, List<Instance>> instances =
        next.state().services().stream()
            .collect(Collectors.toMap(MeshState.Service::name, MeshState.Service::instances));
    Path written = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(
          written, JSON.writeValueAsString(new Contents(next.at().toEpochMilli(), instances)));
      Files.move(
          written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "cannot keep the published instances in {}; a restart will not hold a removal of them: {}",
          file,
          e.toString());
    }
  }
}
