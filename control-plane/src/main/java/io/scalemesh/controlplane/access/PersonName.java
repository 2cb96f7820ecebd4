package io.scalemesh.controlplane.access;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.List;

/**
 * How a verified access token names who holds it in the audit log and the status stream: the
 * person's display name and their object id ({@code oid}, the same in every app of the tenant, so
 * an audit line can be matched to the directory even after a rename), for example {@code Alice
 * Example (oid 3f2a...)}. A token of an application (client credentials) has no name: it is named
 * by its client id.
 */
final class PersonName {
  private static final int MAX_NAME = 80;
  private static final int MAX_ID = 64;

  private PersonName() {}

  static String of(JWTClaimsSet claims) {
    String name = first(claims, List.of("name", "preferred_username", "upn", "unique_name"));
    String id = first(claims, List.of("oid", "sub"));
    if (name == null) {
      String app = first(claims, List.of("azp", "appid"));
      name = app == null ? "unnamed" : "app " + AccessTokenVerifier.shorten(app, MAX_ID);
    }
    return AccessTokenVerifier.shorten(name.strip(), MAX_NAME)
        + " (oid "
        + AccessTokenVerifier.shorten(id, MAX_ID)
        + ")";
  }

  private static String first(JWTClaimsSet claims, List<String> names) {
    for (String name : names) {
      try {
        String value = claims.getStringClaim(name);
        if (value != null && !value.isBlank()) {
          return value;
        }
      } catch (ParseException e) {
        // a claim of another type is no name; the next one may be
      }
    }
    return null;
  }
}
