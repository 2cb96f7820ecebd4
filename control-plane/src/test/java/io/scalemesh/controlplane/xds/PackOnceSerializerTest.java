package io.scalemesh.controlplane.xds;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.envoy.config.endpoint.v3.ClusterLoadAssignment;
import org.junit.jupiter.api.Test;

class PackOnceSerializerTest {
  private final PackOnceSerializer serializer = new PackOnceSerializer();

  @Test
  void theSameResourceIsPackedOnceAndAnEqualOneOfItsOwn() throws Exception {
    ClusterLoadAssignment resource =
        ClusterLoadAssignment.newBuilder().setClusterName("backend").build();
    ClusterLoadAssignment equal = resource.toBuilder().build();

    Any packed = serializer.serialize(resource, Resources.ApiVersion.V3);

    assertThat(serializer.serialize(resource, Resources.ApiVersion.V3)).isSameAs(packed);
    assertThat(serializer.serialize(equal, Resources.ApiVersion.V3))
        .isNotSameAs(packed)
        .isEqualTo(packed);
    assertThat(packed.unpack(ClusterLoadAssignment.class)).isEqualTo(resource);
  }
}
