package io.scalemesh.controlplane.status;

import com.google.protobuf.InvalidProtocolBufferException;
import io.scalemesh.model.console.v1.MeshStatus;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The mesh's statuses over the last hour, so that a console can show the mesh as it was at any
 * moment of it ("time travel"). A frame is kept only when the status changed (its observation time
 * aside); changes less than {@link #RESOLUTION} (of the control plane's clock) after a frame began
 * replace that frame's content, so there is at most one frame a second. Frames are bounded twice:
 * by age ({@code kept}, but the frame in force at the horizon stays) and by a byte budget, oldest
 * dropped first.
 *
 * <p>Older frames are stored deflated, in groups: a key frame (the whole status) and then up to
 * {@code keyEvery - 1} deltas, each the difference from the frame before ({@link StatusDelta}).
 * With a thousand instances a status is about 140 KB, its key frame about 33 KB, and a delta in
 * which a few instances changed a few hundred bytes (docs/benchmarks.md has the figures). A group
 * is dropped whole. Reading a frame inflates its key and applies the deltas up to it. The newest
 * frame stays a message until the next one begins, because it is the one that coalescing replaces
 * several times a second; so does the one before it, which the next delta is taken from.
 *
 * <p>When the frames outgrow the budget, older ones are thinned before any is dropped, as
 * monitoring stores keep old samples at a coarser step: frames of the last {@link
 * #FULL_RESOLUTION_FOR} are never thinned; beyond it, the oldest frames kept at the finest step are
 * kept at the next coarser one of {@link #STEPS} (only the first frame that began in each step of
 * the clock stays), until the frames fit. A kept frame is always exactly a status that was
 * recorded, at the moment it was recorded: {@code at} gives the frame in force at a moment among
 * those kept (on a thinned stretch, the last kept one that began at or before it, which says when
 * it began), never a blend. Only when every frame beyond the last ten minutes is at the coarsest
 * step and they still do not fit are the oldest dropped. An hour of 1,000 instances whose every
 * figure moves every second then fits in 64 MiB (docs/benchmarks.md).
 */
public final class StatusHistory {
  /** At most one frame per this much of the control plane's clock. */
  static final Duration RESOLUTION = Duration.ofSeconds(1);

  /** What one frame costs besides its bytes: the frame, its instant, the array and list slots. */
  static final int FRAME_OVERHEAD = 80;

  /** A key frame every this many frames: what reading one frame costs at most, in deltas. */
  static final int KEY_EVERY = 60;

  /** Frames this young are never thinned: the last minutes stay at one frame a second. */
  static final Duration FULL_RESOLUTION_FOR = Duration.ofMinutes(10);

  /**
   * The steps, in seconds, that older frames are thinned to, finest first. Each divides the next,
   * so a frame that is the first of its step is the first of every finer step too.
   */
  static final List<Integer> STEPS = List.of(1, 5, 10, 30, 60, 300);

  /** The status in force at a moment, and the range the history covers now. */
  public record Past(MeshStatus status, Instant at, Instant earliest, Instant latest) {}

  /** A kept frame; {@code step} is the step (seconds) its group was thinned to, 1 if never. */
  private record Sealed(Instant at, byte[] deflated, boolean key, int step) {}

  private final Duration kept;
  private final long budget;
  private final int keyEvery;
  private final ArrayList<Sealed> sealed = new ArrayList<>();
  private long sealedBytes;
  private int dropped;
  private int thinned;

  /** The newest frame: when it began, and its status (observation time cleared). */
  private Instant openAt;

  private MeshStatus open;

  /** The last time a status was recorded, changed or not. */
  private Instant lastRecorded;

  /** The content of the last sealed frame, which the next delta is taken from. */
  private MeshStatus lastSealed;

  /** Frames sealed since the last key frame, that one included. */
  private int sinceKey;

  /**
   * @param kept how far back frames reach
   * @param budget the most bytes the frames may take, counting {@link #FRAME_OVERHEAD} each
   */
  public StatusHistory(Duration kept, long budget) {
    this(kept, budget, KEY_EVERY);
  }

  StatusHistory(Duration kept, long budget, int keyEvery) {
    this.kept = kept;
    this.budget = budget;
    this.keyEvery = keyEvery;
  }

  /** Records the status observed {@code at} (no earlier than the last one recorded). */
  public synchronized void record(MeshStatus status, Instant at) {
    MeshStatus content = status.toBuilder().clearObservedAt().build();
    lastRecorded = at;
    if (open != null && content.equals(open)) {
      trim(at);
      return;
    }
    if (open != null && at.isBefore(openAt.plus(RESOLUTION))) {
      open = content;
    } else {
      if (open != null) {
        seal();
      }
      openAt = at;
      open = content;
    }
    trim(at);
  }

  /**
   * The status in force at {@code moment}: the frame that began last at or before it, or the
   * earliest one kept when {@code moment} is older. Empty before anything was recorded. The range
   * is from the earliest moment the history can show (no more than {@code kept} before the last
   * record) to the last record.
   */
  public synchronized Optional<Past> at(Instant moment) {
    if (open == null) {
      return Optional.empty();
    }
    Instant first = sealed.isEmpty() ? openAt : sealed.getFirst().at();
    Instant horizon = lastRecorded.minus(kept);
    Instant earliest = first.isBefore(horizon) ? horizon : first;
    Instant latest = lastRecorded;
    MeshStatus status;
    Instant frameAt;
    if (!moment.isBefore(openAt)) {
      status = open;
      frameAt = openAt;
    } else {
      int index = Math.max(0, floor(moment));
      int key = index;
      while (!sealed.get(key).key()) {
        key--;
      }
      status = decode(key, index + 1).getLast();
      frameAt = sealed.get(index).at();
    }
    return Optional.of(
        new Past(
            status.toBuilder().setObservedAt(Timestamps.of(frameAt)).build(),
            frameAt,
            earliest,
            latest));
  }

  /** How many frames are kept, the newest included. */
  public synchronized int frames() {
    return open == null ? 0 : sealed.size() + 1;
  }

  /**
   * The bytes the frames take as counted against the budget, the two newest (messages) included.
   */
  public synchronized long retainedBytes() {
    return sealedBytes + messageBytes();
  }

  private long messageBytes() {
    return (open == null ? 0 : open.getSerializedSize() + FRAME_OVERHEAD)
        + (lastSealed == null ? 0 : lastSealed.getSerializedSize());
  }

  private void seal() {
    boolean key = sealed.isEmpty() || sinceKey >= keyEvery;
    byte[] bytes = deflate(key ? open : StatusDelta.encode(lastSealed, open));
    Sealed frame = new Sealed(openAt, bytes, key, STEPS.getFirst());
    sealed.add(frame);
    sealedBytes += cost(frame);
    sinceKey = key ? 1 : sinceKey + 1;
    lastSealed = open;
  }

  /** How many frames the byte budget (not their age) has dropped since this history began. */
  public synchronized int droppedForBudget() {
    return dropped;
  }

  /** How many frames thinning (for the budget) has let go since this history began. */
  public synchronized int thinnedForBudget() {
    return thinned;
  }

  /** The coarsest step, in seconds, that any kept frame has been thinned to (1 if none). */
  public synchronized int coarsestStep() {
    return sealed.stream().mapToInt(Sealed::step).max().orElse(STEPS.getFirst());
  }

  /** The index of the last sealed frame that began at or before {@code moment}, -1 if none. */
  private int floor(Instant moment) {
    int low = 0;
    int high = sealed.size() - 1;
    int found = -1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (sealed.get(middle).at().isAfter(moment)) {
        high = middle - 1;
      } else {
        found = middle;
        low = middle + 1;
      }
    }
    return found;
  }

  /**
   * Drops whole groups from the oldest that are no longer in force at the horizon (the next group
   * began at or before it); then, while the frames take more than the budget, thins the oldest of
   * the groups at the finest step beyond the last {@link #FULL_RESOLUTION_FOR}, and drops the
   * oldest group only when none is left to thin.
   */
  private void trim(Instant now) {
    Instant horizon = now.minus(kept);
    int drop = 0;
    long bytes = sealedBytes;
    while (drop < sealed.size()) {
      int next = nextGroup(drop);
      if ((next < sealed.size() ? sealed.get(next).at() : openAt).isAfter(horizon)) {
        break;
      }
      for (int i = drop; i < next; i++) {
        bytes -= cost(sealed.get(i));
      }
      drop = next;
    }
    dropOldest(drop, bytes);
    Instant young = now.minus(FULL_RESOLUTION_FOR);
    while (!sealed.isEmpty() && sealedBytes + messageBytes() > budget) {
      if (!thinOne(young)) {
        int next = nextGroup(0);
        long remaining = sealedBytes;
        for (int i = 0; i < next; i++) {
          remaining -= cost(sealed.get(i));
        }
        dropped += next;
        dropOldest(next, remaining);
      }
    }
  }

  private void dropOldest(int count, long remainingBytes) {
    if (count > 0) {
      sealed.subList(0, count).clear();
      sealedBytes = remainingBytes;
      if (sealed.isEmpty()) {
        lastSealed = null;
      }
    }
  }

  /**
   * Thins the oldest group at the finest step among those that ended before {@code young} (the last
   * group, which the next frame joins, never), together with the groups after it at the same step
   * as long as they hold no more than {@code keyEvery} frames together: their frames are read back,
   * the first that began in each step of the next coarser one are kept, and written again as groups
   * of a key frame and deltas. False when there is nothing left to thin.
   */
  private boolean thinOne(Instant young) {
    int finest = Integer.MAX_VALUE;
    int from = -1;
    int lastGroup = lastKey();
    for (int start = 0; start < lastGroup; start = nextGroup(start)) {
      int step = sealed.get(start).step();
      boolean ended = !sealed.get(nextGroup(start)).at().isAfter(young);
      if (!ended) {
        break;
      }
      if (step < STEPS.getLast() && step < finest) {
        finest = step;
        from = start;
      }
    }
    if (from < 0) {
      return false;
    }
    int to = nextGroup(from);
    while (to < lastGroup
        && sealed.get(to).step() == finest
        && !sealed.get(nextGroup(to)).at().isAfter(young)
        && nextGroup(to) - from <= keyEvery) {
      to = nextGroup(to);
    }
    int coarser = STEPS.get(STEPS.indexOf(finest) + 1);
    long before = from > 0 ? bucket(sealed.get(from - 1).at(), coarser) : Long.MIN_VALUE;
    List<Sealed> kept = new ArrayList<>();
    // One status at a time, not the whole range, for the collector's sake. A frame whose bytes
    // would come out the same (a key kept as a key, a delta from the frame kept before it) keeps
    // them.
    MeshStatus status = null;
    MeshStatus previous = null;
    int previousIndex = -1;
    for (int i = from; i < to; i++) {
      Sealed frame = sealed.get(i);
      MeshStatus read = inflate(frame.deflated());
      status = frame.key() ? read : StatusDelta.apply(status, read);
      long bucket = bucket(frame.at(), coarser);
      if (bucket == before) {
        continue;
      }
      before = bucket;
      boolean key = kept.size() % keyEvery == 0;
      boolean same = key ? frame.key() : !frame.key() && previousIndex == i - 1;
      byte[] bytes =
          same ? frame.deflated() : deflate(key ? status : StatusDelta.encode(previous, status));
      kept.add(new Sealed(frame.at(), bytes, key, coarser));
      previous = status;
      previousIndex = i;
    }
    List<Sealed> range = sealed.subList(from, to);
    sealedBytes -= range.stream().mapToLong(StatusHistory::cost).sum();
    sealedBytes += kept.stream().mapToLong(StatusHistory::cost).sum();
    thinned += range.size() - kept.size();
    range.clear();
    range.addAll(kept);
    return true;
  }

  private static long bucket(Instant at, int step) {
    return Math.floorDiv(at.getEpochSecond(), step);
  }

  /** The statuses of the frames from {@code from} (a key frame) to {@code to}, exclusive. */
  private List<MeshStatus> decode(int from, int to) {
    List<MeshStatus> statuses = new ArrayList<>(to - from);
    MeshStatus status = null;
    for (int i = from; i < to; i++) {
      Sealed frame = sealed.get(i);
      MeshStatus read = inflate(frame.deflated());
      status = frame.key() ? read : StatusDelta.apply(status, read);
      statuses.add(status);
    }
    return statuses;
  }

  /** The index of the last key frame (where the group that the next frame joins begins). */
  private int lastKey() {
    int key = sealed.size() - 1;
    while (key > 0 && !sealed.get(key).key()) {
      key--;
    }
    return key;
  }

  /** The index of the first key frame after {@code from}, or the number of sealed frames. */
  private int nextGroup(int from) {
    int next = from + 1;
    while (next < sealed.size() && !sealed.get(next).key()) {
      next++;
    }
    return next;
  }

  private static long cost(Sealed frame) {
    return frame.deflated().length + FRAME_OVERHEAD;
  }

  private static byte[] deflate(MeshStatus status) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(status.toByteArray());
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(status.getSerializedSize() / 4 + 64);
      byte[] buffer = new byte[16 * 1024];
      while (!deflater.finished()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  private static MeshStatus inflate(byte[] deflated) {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
      byte[] buffer = new byte[16 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalStateException("a kept status frame is truncated");
        }
        out.write(buffer, 0, n);
      }
      return MeshStatus.parseFrom(out.toByteArray());
    } catch (DataFormatException | InvalidProtocolBufferException e) {
      throw new IllegalStateException("a kept status frame does not read back", e);
    } finally {
      inflater.end();
    }
  }

  /** The instants at which the kept frames began, oldest first (for tests). */
  synchronized List<Instant> frameTimes() {
    List<Instant> times = new ArrayList<>(sealed.stream().map(Sealed::at).toList());
    if (open != null) {
      times.add(openAt);
    }
    return times;
  }
}
