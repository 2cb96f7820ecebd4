package io.scalemesh.controlplane.xds;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.envoyproxy.controlplane.cache.Resources;
import io.envoyproxy.controlplane.server.serializer.ProtoResourcesSerializer;

/**
 * Packs each resource of a snapshot once, for every stream that sends it. java-control-plane's
 * CachedProtoResourcesSerializer keys its cache by equality, so when a version's content equals one
 * still cached (a scale-out undone), each stream's lookup compared whole cluster load assignments:
 * with 1,000 streams and 1,000 endpoints that was most of a publish (JFR of AdsScaleBenchmark).
 * Every stream sends the very same instances of the one snapshot, so identity is enough, and weak
 * keys let a snapshot's entries go with it.
 */
final class PackOnceSerializer implements ProtoResourcesSerializer {
  private final LoadingCache<Message, Any> packed =
      CacheBuilder.newBuilder().weakKeys().build(CacheLoader.from(Any::pack));

  @Override
  public Any serialize(Message resource, Resources.ApiVersion apiVersion) {
    return packed.getUnchecked(resource);
  }
}
