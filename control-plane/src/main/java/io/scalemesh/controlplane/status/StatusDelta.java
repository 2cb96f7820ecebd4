package io.scalemesh.controlplane.status;

import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.scalemesh.model.console.v1.Instance;
import io.scalemesh.model.console.v1.MeshStatus;
import io.scalemesh.model.console.v1.Proxy;
import io.scalemesh.model.console.v1.ScaleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A status as the difference from the one before it, itself a {@link MeshStatus}: everything but
 * the instances and proxies as it is, and of those only what changed; a run of instances (or
 * proxies) equal to a run of the previous status's is one placeholder message that carries, in two
 * fields no console message uses, where the run starts in the previous list and how long it is.
 * With a thousand instances of which a few change, a delta is a few hundred bytes where the status
 * is about 140 KB. {@link #apply} gives back exactly the status encoded.
 */
final class StatusDelta {
  /** Fields of the placeholder: unknown to the console API, so never set on a real message. */
  private static final int RUN_START = 536_870_000;

  private static final int RUN_LENGTH = 536_870_001;

  private StatusDelta() {}

  static MeshStatus encode(MeshStatus previous, MeshStatus next) {
    return rebuild(previous, next, true);
  }

  static MeshStatus apply(MeshStatus previous, MeshStatus delta) {
    return rebuild(previous, delta, false);
  }

  /** {@code status} with its instances and proxies encoded against, or expanded from, previous. */
  private static MeshStatus rebuild(MeshStatus previous, MeshStatus status, boolean encoding) {
    Map<String, ScaleSet> before = byName(previous);
    MeshStatus.Builder out = status.toBuilder().clearScaleSets().clearProxies();
    for (ScaleSet scaleSet : status.getScaleSetsList()) {
      List<Instance> was = instances(before, scaleSet.getName());
      List<Instance> now = scaleSet.getInstancesList();
      out.addScaleSets(
          scaleSet.toBuilder()
              .clearInstances()
              .addAllInstances(encoding ? runs(was, now, Instance::getName) : expand(was, now)));
    }
    List<Proxy> was = previous.getProxiesList();
    List<Proxy> now = status.getProxiesList();
    return out.addAllProxies(encoding ? runs(was, now, Proxy::getNodeId) : expand(was, now))
        .build();
  }

  /** {@code next}, with each run of messages equal to a run of {@code was} as a placeholder. */
  private static <T extends Message> List<T> runs(
      List<T> was, List<T> next, Function<T, String> key) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < was.size(); i++) {
      index.put(key.apply(was.get(i)), i);
    }
    List<T> out = new ArrayList<>();
    int start = -1;
    int length = 0;
    for (T message : next) {
      Integer at = index.get(key.apply(message));
      boolean same = at != null && was.get(at).equals(message);
      if (same && length > 0 && at == start + length) {
        length++;
        continue;
      }
      if (length > 0) {
        out.add(placeholder(message, start, length));
      }
      start = same ? at : -1;
      length = same ? 1 : 0;
      if (!same) {
        out.add(message);
      }
    }
    if (length > 0) {
      out.add(placeholder(next.getFirst(), start, length));
    }
    return out;
  }

  private static <T extends Message> List<T> expand(List<T> was, List<T> delta) {
    List<T> out = new ArrayList<>();
    for (T message : delta) {
      UnknownFieldSet fields = message.getUnknownFields();
      if (fields.hasField(RUN_LENGTH)) {
        int start = fields.getField(RUN_START).getVarintList().getFirst().intValue();
        int length = fields.getField(RUN_LENGTH).getVarintList().getFirst().intValue();
        out.addAll(was.subList(start, start + length));
      } else {
        out.add(message);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T placeholder(T type, int start, int length) {
    return (T)
        type.newBuilderForType()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        RUN_START, UnknownFieldSet.Field.newBuilder().addVarint(start).build())
                    .addField(
                        RUN_LENGTH, UnknownFieldSet.Field.newBuilder().addVarint(length).build())
                    .build())
            .build();
  }

  private static List<Instance> instances(Map<String, ScaleSet> scaleSets, String name) {
    ScaleSet scaleSet = scaleSets.get(name);
    return scaleSet == null ? List.of() : scaleSet.getInstancesList();
  }

  private static Map<String, ScaleSet> byName(MeshStatus status) {
    Map<String, ScaleSet> byName = new HashMap<>();
    status.getScaleSetsList().forEach(scaleSet -> byName.put(scaleSet.getName(), scaleSet));
    return byName;
  }
}
