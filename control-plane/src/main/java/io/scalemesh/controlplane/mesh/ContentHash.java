package io.scalemesh.controlplane.mesh;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A version string derived from content: the first 64 bits of a SHA-256, in hex. Every part is
 * length-prefixed, so that no two different sequences of parts hash the same bytes.
 */
public final class ContentHash {
  private final MessageDigest sha256;
  // Buffered: an instance is 11 small parts and 3 per label, and one digest update per part cost
  // more than the hashing itself (TranslatorBenchmark at 10,000 instances).
  private final DataOutputStream parts;

  public ContentHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    parts =
        new DataOutputStream(
            new BufferedOutputStream(
                new DigestOutputStream(OutputStream.nullOutputStream(), sha256), 16 * 1024));
  }

  public ContentHash add(String... parts) {
    for (String part : parts) {
      add(part.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  public ContentHash add(byte[] part) {
    try {
      parts.writeInt(part.length);
      parts.write(part);
    } catch (IOException e) {
      throw new UncheckedIOException("a digest does not fail", e);
    }
    return this;
  }

  public String version() {
    try {
      parts.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("a digest does not fail", e);
    }
    return HexFormat.of().formatHex(sha256.digest(), 0, 8);
  }
}
