package io.scalemesh.console.topology;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives each node a slot it keeps for as long as it exists: the lowest free one when it appears,
 * freed when it goes. Nodes never move because others come or go, which is what keeps the topology
 * from jumping while a scale set grows and shrinks.
 */
final class SlotAllocator {
  private final Map<String, Integer> slots = new HashMap<>();
  private final BitSet taken = new BitSet();

  int claim(String id) {
    return slots.computeIfAbsent(
        id,
        any -> {
          int slot = taken.nextClearBit(0);
          taken.set(slot);
          return slot;
        });
  }

  void release(String id) {
    Integer slot = slots.remove(id);
    if (slot != null) {
      taken.clear(slot);
    }
  }

  /** One more than the highest slot in use: how many slots a layout must leave room for. */
  int extent() {
    return taken.length();
  }
}
