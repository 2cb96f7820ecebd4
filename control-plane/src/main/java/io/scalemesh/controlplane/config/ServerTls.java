package io.scalemesh.controlplane.config;

import java.nio.file.Path;

/**
 * TLS for a gRPC server (xDS, the console API): PEM files, the key in PKCS#8.
 *
 * @param certificate the server's certificate chain
 * @param privateKey its key
 * @param clientCa when set, clients must present a certificate signed by these CAs
 */
public record ServerTls(Path certificate, Path privateKey, Path clientCa) {
  public ServerTls {
    if (certificate == null || privateKey == null) {
      throw new IllegalArgumentException("tls needs both certificate and private_key");
    }
  }
}
