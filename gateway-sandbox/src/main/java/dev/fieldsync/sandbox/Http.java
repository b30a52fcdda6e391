package dev.fieldsync.sandbox;

import dev.fieldsync.sandbox.SandboxFaults.Fault;
import dev.fieldsync.sandbox.data.JsonText;
import dev.fieldsync.sandbox.data.Ulids;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/** Request ids, problem documents and (possibly fault-mangled) answers. */
final class Http {
  static final String REQUEST_ID = "sandbox.requestId";
  static final String FAULT = "sandbox.fault";
  static final String JSON = "application/json";
  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Http() {}

  /** First handler of every route: echo a well-formed client id, else generate req_ + ULID. */
  static void assignRequestId(RoutingContext ctx) {
    String sent = ctx.request().getHeader("X-Request-Id");
    String id = sent != null && CLIENT_ID.matcher(sent).matches() ? sent : "req_" + Ulids.next();
    ctx.put(REQUEST_ID, id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.next();
  }

  static String requestId(RoutingContext ctx) {
    String id = ctx.get(REQUEST_ID);
    return id == null ? "req_" + Ulids.next() : id;
  }

  static void problem(RoutingContext ctx, ApiError e) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      return;
    }
    String id = requestId(ctx);
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"type\":\"https://gateway/errors/").append(e.code).append("\",\"title\":");
    JsonText.string(sb, e.getMessage());
    sb.append(",\"status\":").append(e.status).append(",\"instance\":");
    JsonText.string(sb, id);
    sb.append('}');
    r.setStatusCode(e.status)
        .putHeader("X-Request-Id", id)
        .putHeader("Content-Type", "application/problem+json")
        .end(sb.toString());
  }

  static void html(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(502)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
            + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
  }

  /** A 2xx answer, subject to the response-mangling faults drawn for this request. */
  static void send(RoutingContext ctx, int status, String json) {
    HttpServerResponse r = ctx.response();
    if (r.ended() || r.closed()) {
      return;
    }
    Fault fault = ctx.get(FAULT);
    if (fault == Fault.CONNECTION_RESET) {
      reset(ctx, status, json);
      return;
    }
    r.setStatusCode(status);
    if (json == null) {
      r.end();
      return;
    }
    r.putHeader("Content-Type", JSON);
    if (fault == Fault.MALFORMED_JSON) {
      r.end(json.replace(':', '=').replace('"', '\''));
    } else if (fault == Fault.TRUNCATED_JSON) {
      r.end(json.substring(0, json.length() / 2));
    } else {
      r.end(json);
    }
  }

  /** Status line and half the body go out, then the connection closes. */
  static void reset(RoutingContext ctx, int status, String json) {
    HttpServerResponse r = ctx.response();
    if (json == null || json.isEmpty()) {
      ctx.request().connection().close();
      return;
    }
    r.setStatusCode(status).setChunked(true).putHeader("Content-Type", JSON);
    r.write(Buffer.buffer(json.substring(0, json.length() / 2)))
        .onComplete(v -> ctx.request().connection().close());
  }

  static void drop(RoutingContext ctx) {
    ctx.request().connection().close();
  }
}
