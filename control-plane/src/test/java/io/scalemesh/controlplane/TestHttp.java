package io.scalemesh.controlplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP GETs for tests: a control plane's REST API, mostly. */
public final class TestHttp {
  private TestHttp() {}

  public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** What {@code plane} serves on /metrics now. */
  public static String metrics(ControlPlane plane) throws IOException, InterruptedException {
    return get(URI.create("http://127.0.0.1:" + plane.apiPort() + "/metrics")).body();
  }
}
