package io.scalemesh.controlplane.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlockingIndexTest {

  @ParameterizedTest(name = "sent {0}, Consul answered {1}: next {2}")
  @CsvSource({
    "0, 42, 42", // the first answer gives the index to wait on
    "42, 42, 42", // the wait ended without a change: wait again on the same index
    "42, 57, 57", // a change
    "57, 12, 0", // the index went backwards: a fresh query, not a wait that may never end
    "0, 0, 1", // an index of 0 would make every query return at once; 1 is always safe
    "0, -3, 1",
    "57, 0, 1",
  })
  void followsConsulsRulesForBlockingClients(long sent, long returned, long next) {
    assertThat(BlockingIndex.next(sent, returned)).isEqualTo(next);
  }
}
