package io.scalemesh.controlplane.input;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * A fuzz input read as a request to the REST API: "METHOD /path" on its first line (no method is
 * GET), the body after it. The path goes out as written wherever a URI can hold it, so that "%00"
 * and ".." reach the server; any other character is percent-encoded, so that every path the fuzzer
 * writes is sent.
 */
record RestRequest(String method, String path, String body) {
  private static final String URI_PUNCTUATION = "!$&'()*+,-./:;=?@_~";

  static RestRequest read(byte[] input) {
    String[] lineAndBody = new String(input, StandardCharsets.UTF_8).split("\n", 2);
    String[] methodAndPath = lineAndBody[0].split(" ", 2);
    return new RestRequest(
        methodAndPath[0].isEmpty() ? "GET" : methodAndPath[0],
        methodAndPath.length == 2 ? methodAndPath[1] : "/",
        lineAndBody.length == 2 ? lineAndBody[1] : "");
  }

  /** HttpClient sends only methods that are HTTP tokens, and never CONNECT. */
  boolean methodIsSendable() {
    try {
      HttpRequest.newBuilder().method(method, BodyPublishers.noBody());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  HttpRequest withBody(int port) {
    return HttpRequest.newBuilder(uri(port)).method(method, BodyPublishers.ofString(body)).build();
  }

  HttpRequest withoutBody(int port) {
    return HttpRequest.newBuilder(uri(port)).method(method, BodyPublishers.noBody()).build();
  }

  @Override
  public String toString() {
    return method + " " + Excerpt.of(path) + " with a body of " + body.length() + " characters";
  }

  private URI uri(int port) {
    StringBuilder uri =
        new StringBuilder("http://127.0.0.1:" + port + (path.startsWith("/") ? "" : "/"));
    for (int i = 0; i < path.length(); i += Character.charCount(path.codePointAt(i))) {
      int c = path.codePointAt(i);
      if (c < 128 && (Character.isLetterOrDigit(c) || URI_PUNCTUATION.indexOf(c) >= 0)
          || isEscape(i)) {
        uri.appendCodePoint(c);
      } else {
        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
          uri.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
      }
    }
    return URI.create(uri.toString());
  }

  /** A '%' and two hex digits: an escape the fuzzer wrote, sent as it is. */
  private boolean isEscape(int i) {
    return path.charAt(i) == '%'
        && i + 2 < path.length()
        && HexFormat.isHexDigit(path.charAt(i + 1))
        && HexFormat.isHexDigit(path.charAt(i + 2));
  }
}
