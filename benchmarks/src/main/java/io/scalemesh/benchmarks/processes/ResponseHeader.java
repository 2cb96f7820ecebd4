package io.scalemesh.benchmarks.processes;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.envoyproxy.envoy.service.discovery.v3.AggregatedDiscoveryServiceGrpc;
import io.envoyproxy.envoy.service.discovery.v3.DiscoveryRequest;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What a load driver's proxy needs of a DiscoveryResponse to ACK it: its version and nonce. The
 * resources (1,000 endpoints, some 100 KB) are skipped unparsed: the driver shares the machine's
 * two cores with the control plane, and parsing 5,000 copies of them would take its CPU.
 */
record ResponseHeader(String version, String nonce) {
  private static final int VERSION_INFO = 1;
  private static final int NONCE = 5;

  /** ADS with this header as its response. */
  static final MethodDescriptor<DiscoveryRequest, ResponseHeader> ADS =
      AggregatedDiscoveryServiceGrpc.getStreamAggregatedResourcesMethod().toBuilder(
              ProtoUtils.marshaller(DiscoveryRequest.getDefaultInstance()),
              new MethodDescriptor.Marshaller<ResponseHeader>() {
                @Override
                public InputStream stream(ResponseHeader value) {
                  throw new UnsupportedOperationException("a driver never sends a response");
                }

                @Override
                public ResponseHeader parse(InputStream stream) {
                  return ResponseHeader.parse(stream);
                }
              })
          .build();

  static ResponseHeader parse(InputStream stream) {
    try {
      CodedInputStream input = CodedInputStream.newInstance(stream);
      String version = "";
      String nonce = "";
      for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case VERSION_INFO -> version = input.readStringRequireUtf8();
          case NONCE -> nonce = input.readStringRequireUtf8();
          default -> input.skipField(tag);
        }
      }
      return new ResponseHeader(version, nonce);
    } catch (IOException e) {
      throw new UncheckedIOException("not a DiscoveryResponse", e);
    }
  }
}
