package dev.fieldsync.benchmarks.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Other traffic on the same gateway key (GATEWAY-API.md §4: the bucket is shared by all client traffic): four
 * threads send lookups in bursts (1 s on, 1 s off), which drains the sandbox's bucket and makes the client
 * under test meet real 429s. Stops by itself after ten minutes at the latest.
 */
final class OtherTraffic {
    private final String baseUrl;
    private final String key;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    OtherTraffic(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    void start() {
        running.set(true);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long stopAt = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(
                    () -> {
                        while (running.get() && System.nanoTime() < stopAt) {
                            boolean on = (System.currentTimeMillis() / 1000) % 2 == 0;
                            try {
                                if (on) {
                                    http.send(
                                            HttpRequest.newBuilder(URI.create(baseUrl + "/v1/customers"))
                                                    .header("Authorization", "Bearer " + key)
                                                    .timeout(Duration.ofSeconds(5))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding());
                                    sent.incrementAndGet();
                                } else {
                                    Thread.sleep(50);
                                }
                            } catch (InterruptedException e) {
                                return;
                            } catch (Exception e) {
                                // faults are on: other traffic meets them too
                            }
                        }
                    },
                    "other-traffic-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }

    long sent() {
        return sent.get();
    }
}
