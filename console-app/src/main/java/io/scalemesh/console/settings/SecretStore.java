package io.scalemesh.console.settings;

import com.microsoft.aad.msal4jextensions.PersistenceSettings;
import com.microsoft.aad.msal4jextensions.persistence.CacheFileAccessor;
import com.microsoft.aad.msal4jextensions.persistence.ICacheAccessor;
import com.microsoft.aad.msal4jextensions.persistence.linux.KeyRingAccessor;
import com.microsoft.aad.msal4jextensions.persistence.mac.KeyChainAccessor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the console keeps secrets (saved static tokens, and the sign-in's token cache): the
 * operating system's secret store through MSAL4J's persistence extension (the macOS Keychain,
 * libsecret on Linux, a DPAPI-encrypted file on Windows), or, where there is none, this process's
 * memory only: then nothing secret is written anywhere, and the console says so.
 */
public final class SecretStore {
  private static final String SERVICE = "Scalemesh console";
  private static final String TOKENS = "saved-tokens";
  private static final String SIGN_IN = "sign-in-cache";

  private final Optional<Path> dir;
  private final String where;
  private final Optional<ICacheAccessor> tokens;
  private final Properties memory = new Properties();

  private SecretStore(Optional<Path> dir, String where, Optional<ICacheAccessor> tokens) {
    this.dir = dir;
    this.where = where;
    this.tokens = tokens;
    tokens.ifPresent(accessor -> memory.putAll(parse(accessor.read())));
  }

  /** Nothing kept beyond this process. */
  public static SecretStore inMemory(String why) {
    return new SecretStore(Optional.empty(), why, Optional.empty());
  }

  /**
   * This machine's secret store, with its bookkeeping files (a lock, and on Windows the encrypted
   * file itself) in {@code dir}; in memory, with the reason, where there is none.
   */
  public static SecretStore forThisMachine(Path dir) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String file = dir.resolve(TOKENS + ".bin").toString();
    try {
      if (os.contains("mac")) {
        return new SecretStore(
            Optional.of(dir),
            "the macOS Keychain",
            Optional.of(new KeyChainAccessor(file, SERVICE, TOKENS)));
      }
      if (os.contains("win")) {
        return new SecretStore(
            Optional.of(dir),
            "a file only this Windows user can decrypt (DPAPI)",
            Optional.of(new CacheFileAccessor(file)));
      }
      KeyRingAccessor keyring =
          new KeyRingAccessor(
              file, null, SERVICE, SERVICE + " tokens", "application", SERVICE, "secret", TOKENS);
      keyring.verify();
      return new SecretStore(
          Optional.of(dir), "the desktop's keyring (libsecret)", Optional.of(keyring));
    } catch (RuntimeException | LinkageError e) {
      // No D-Bus session, no libsecret, or a keyring that refuses: nothing secret goes to disk.
      return inMemory(
          "No secret store on this machine (libsecret, Keychain or DPAPI): tokens and sign-ins are"
              + " kept only while the console runs");
    }
  }

  /** Whether secrets outlive the console. */
  public boolean persistent() {
    return tokens.isPresent();
  }

  /** Where secrets are kept, or why only in memory: for the operator to read. */
  public String where() {
    return where;
  }

  public synchronized Optional<String> token(String connection) {
    return Optional.ofNullable(memory.getProperty(connection));
  }

  /** Keeps {@code token} for {@code connection}; an empty one forgets it. */
  public synchronized void putToken(String connection, String token) {
    if (token.isEmpty()) {
      memory.remove(connection);
    } else {
      memory.setProperty(connection, token);
    }
    tokens.ifPresent(accessor -> accessor.write(serialize(memory)));
  }

  /** Forgets the tokens of every connection not named. */
  public synchronized void keepOnly(Collection<String> connections) {
    if (memory.keySet().removeIf(name -> !connections.contains(name))) {
      tokens.ifPresent(accessor -> accessor.write(serialize(memory)));
    }
  }

  /**
   * Settings for MSAL4J's persistent token cache in the same store, when there is one; without it
   * MSAL keeps its cache in memory.
   */
  public Optional<PersistenceSettings> signInCache() {
    return dir.filter(d -> persistent())
        .map(
            d ->
                PersistenceSettings.builder(SIGN_IN + ".bin", d)
                    .setMacKeychain(SERVICE, SIGN_IN)
                    .setLinuxKeyring(
                        null,
                        SERVICE,
                        SERVICE + " sign-in",
                        "application",
                        SERVICE,
                        "secret",
                        SIGN_IN)
                    .build());
  }

  private static Properties parse(byte[] bytes) {
    Properties properties = new Properties();
    if (bytes != null && bytes.length > 0) {
      try {
        properties.load(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return properties;
  }

  private static byte[] serialize(Properties properties) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      properties.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
