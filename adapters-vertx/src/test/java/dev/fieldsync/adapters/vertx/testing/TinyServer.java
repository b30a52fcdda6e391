package dev.fieldsync.adapters.vertx.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A raw-socket HTTP/1.1 server for tests: it answers each request with the next scripted {@link Reply},
 * byte for byte (so truncated bodies, HTML pages, slow bodies and reset connections are exactly what the
 * client sees), and records every request. One request per connection ("Connection: close").
 */
public final class TinyServer implements AutoCloseable {

    /** A request as received: method, path with query, headers (lower-case names), body. */
    public record Request(String method, String target, Map<String, String> headers, String body) {
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        public String query() {
            int q = target.indexOf('?');
            return q < 0 ? "" : target.substring(q + 1);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to do with one request. */
    public interface Reply {
        void write(Socket socket, OutputStream out) throws IOException, InterruptedException;

        /** A complete answer with Content-Length. */
        static Reply of(int status, String contentType, String body, String... extraHeaders) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            for (String header : extraHeaders) {
                head.append(header).append("\r\n");
            }
            head.append("Content-Length: ").append(bytes.length).append("\r\nConnection: close\r\n\r\n");
            return raw(concat(head.toString().getBytes(StandardCharsets.US_ASCII), bytes));
        }

        static Reply json(int status, String body, String... extraHeaders) {
            return of(status, "application/json", body, extraHeaders);
        }

        static Reply problem(int status, String code, String requestId) {
            String body = "{\"type\":\"https://gateway/errors/" + code + "\",\"title\":\"" + code + " happened\","
                    + "\"status\":" + status + ",\"instance\":\"" + requestId + "\"}";
            return of(status, "application/problem+json", body, "X-Request-Id: " + requestId);
        }

        static Reply noContent() {
            return raw(("HTTP/1.1 204 No Content\r\nX-Request-Id: req_204\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        }

        static Reply raw(byte[] bytes) {
            return (socket, out) -> {
                out.write(bytes);
                out.flush();
            };
        }

        /** Headers promising {@code body}'s full length, then the body in pieces with a pause between them. */
        static Reply slow(String body, int pieces, long pauseMillis) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            return (socket, out) -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int size = Math.max(1, bytes.length / pieces);
                for (int i = 0; i < bytes.length; i += size) {
                    Thread.sleep(pauseMillis);
                    out.write(bytes, i, Math.min(size, bytes.length - i));
                    out.flush();
                }
            };
        }

        /** Reads the request, then resets the connection without answering. */
        static Reply reset() {
            return (socket, out) -> {
                socket.setSoLinger(true, 0);
                socket.close();
            };
        }

        /** Says nothing for a while, then closes. */
        static Reply silence(long millis) {
            return (socket, out) -> Thread.sleep(millis);
        }
    }

    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tiny-server");
        t.setDaemon(true);
        return t;
    });
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private Reply fallback = Reply.json(500, "{\"unexpected\":\"no scripted reply left\"}");

    public TinyServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        workers.submit(this::acceptLoop);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Queues replies, answered in order. */
    public synchronized TinyServer then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** The reply for every request once the script is used up. */
    public synchronized TinyServer otherwise(Reply reply) {
        fallback = reply;
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private synchronized Reply nextReply() {
        return script.isEmpty() ? fallback : script.poll();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                workers.submit(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            Request request = read(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            nextReply().write(socket, socket.getOutputStream());
        } catch (SocketException ignored) {
            // the client went away (a timeout on its side): nothing to do
        } catch (IOException | InterruptedException e) {
            // test server: a broken connection is what some tests want
        }
    }

    private static Request read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        int b;
        while (last4 != 0x0D0A0D0A && (b = in.read()) >= 0) {
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (text.isBlank()) {
            return null;
        }
        String[] lines = text.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }
}
