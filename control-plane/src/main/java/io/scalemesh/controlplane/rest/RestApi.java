package io.scalemesh.controlplane.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.ContentType;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.scalemesh.controlplane.metrics.ControlPlaneMetrics;
import io.scalemesh.controlplane.publish.Publisher;
import io.scalemesh.controlplane.xds.TypeUrls;
import io.scalemesh.controlplane.xds.XdsSink;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The read-only HTTP API: instances, the xDS resources served, liveness, readiness and Prometheus
 * metrics.
 */
public final class RestApi implements AutoCloseable {
  private final Javalin app;

  public RestApi(Publisher publisher, XdsSink served, ControlPlaneMetrics metrics) {
    ObjectMapper json =
        new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    this.app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.jsonMapper(new JavalinJackson(json, false));
            });
    app.get("/api/vms", ctx -> ctx.json(VmsView.of(publisher.current(), publisher.inventory())));
    app.get(
        "/api/xds",
        ctx -> {
          Optional<String> type = Optional.ofNullable(ctx.queryParam("type"));
          if (type.isPresent() && !TypeUrls.SHORT_NAMES.contains(type.get())) {
            ctx.status(HttpStatus.BAD_REQUEST)
                .result("unknown type '" + type.get() + "': one of " + TypeUrls.SHORT_NAMES);
            return;
          }
          ctx.contentType(ContentType.APPLICATION_JSON)
              .result(
                  XdsView.of(served.current(), type, Optional.ofNullable(ctx.queryParam("name"))));
        });
    app.get("/healthz", ctx -> ctx.result("ok"));
    // Ready once the first complete discovery is published: before that, a proxy would get nothing.
    app.get(
        "/readyz",
        ctx -> {
          boolean ready = publisher.current().isPresent();
          ctx.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
              .result(ready ? "ready" : "waiting for the first complete discovery");
        });
    app.get(
        "/metrics",
        ctx -> ctx.contentType(ControlPlaneMetrics.contentType()).result(metrics.scrape()));
  }

  public RestApi start(InetSocketAddress bindAddress) {
    app.start(bindAddress.getHostString(), bindAddress.getPort());
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
