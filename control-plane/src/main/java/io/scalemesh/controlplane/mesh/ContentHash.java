package io.scalemesh.controlplane.mesh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A version string derived from content: the first 64 bits of a SHA-256, in hex. Every part is
 * length-prefixed, so that no two different sequences of parts hash the same bytes.
 */
public final class ContentHash {
  private final MessageDigest sha256;

  public ContentHash() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public ContentHash add(String... parts) {
    for (String part : parts) {
      add(part.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  public ContentHash add(byte[] part) {
    sha256.update((part.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha256.update(part);
    return this;
  }

  public String version() {
    return HexFormat.of().formatHex(sha256.digest(), 0, 8);
  }
}
