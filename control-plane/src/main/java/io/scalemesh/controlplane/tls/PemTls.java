package io.scalemesh.controlplane.tls;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.CertificateUtils;
import io.scalemesh.controlplane.config.ScalemeshConfig.ServerTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS from the PEM files operators have, rather than Java key stores: client contexts (Consul,
 * Azure Stack) and gRPC server credentials (xDS, the console API). Parsing is grpc-util's; this
 * only puts the pieces into an {@link SSLContext}.
 */
public final class PemTls {
  private PemTls() {}

  /**
   * A context that trusts the certificates in {@code caFile} (else the JVM's trust store) and
   * presents {@code certificate} with {@code privateKey} (PKCS#8) when both are given.
   */
  public static SSLContext context(
      Optional<Path> caFile, Optional<Path> certificate, Optional<Path> privateKey) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(certificate, privateKey), trustManagers(caFile), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot use the TLS files "
              + caFile.map(Path::toString).orElse("")
              + " "
              + certificate.map(Path::toString).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Credentials for a gRPC server: its certificate, and a client CA when clients must present one.
   */
  public static ServerCredentials serverCredentials(ServerTls tls) {
    try {
      TlsServerCredentials.Builder credentials =
          TlsServerCredentials.newBuilder()
              .keyManager(tls.certificate().toFile(), tls.privateKey().toFile());
      if (tls.clientCa() != null) {
        credentials
            .trustManager(tls.clientCa().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return credentials.build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot use the TLS files "
              + tls.certificate()
              + ", "
              + tls.privateKey()
              + (tls.clientCa() == null ? "" : ", " + tls.clientCa())
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static KeyManager[] keyManagers(Optional<Path> certificate, Optional<Path> privateKey)
      throws GeneralSecurityException, IOException {
    if (certificate.isEmpty() || privateKey.isEmpty()) {
      return null;
    }
    KeyStore store = emptyStore();
    store.setKeyEntry(
        "client", readKey(privateKey.get()), new char[0], readCertificates(certificate.get()));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, new char[0]);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(Optional<Path> caFile)
      throws GeneralSecurityException, IOException {
    if (caFile.isEmpty()) {
      return null;
    }
    KeyStore store = emptyStore();
    X509Certificate[] authorities = readCertificates(caFile.get());
    for (int i = 0; i < authorities.length; i++) {
      store.setCertificateEntry("ca-" + i, authorities[i]);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    return store;
  }

  private static X509Certificate[] readCertificates(Path file)
      throws GeneralSecurityException, IOException {
    try (InputStream in = Files.newInputStream(file)) {
      X509Certificate[] certificates = CertificateUtils.getX509Certificates(in);
      if (certificates.length == 0) {
        throw new GeneralSecurityException(file + " holds no PEM certificate");
      }
      return certificates;
    }
  }

  private static PrivateKey readKey(Path file) throws GeneralSecurityException, IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return CertificateUtils.getPrivateKey(in);
    }
  }
}
