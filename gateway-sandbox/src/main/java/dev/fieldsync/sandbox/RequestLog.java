package dev.fieldsync.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A tenant's last {@value #CAPACITY} /v1 requests, oldest first (older ones are dropped and counted). */
final class RequestLog {
    static final int CAPACITY = 100_000;

    private final Deque<SandboxRequest> requests = new ArrayDeque<>();
    private long dropped;

    synchronized void add(SandboxRequest request) {
        if (requests.size() == CAPACITY) {
            requests.pollFirst();
            dropped++;
        }
        requests.addLast(request);
    }

    synchronized List<SandboxRequest> all() {
        return new ArrayList<>(requests);
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        requests.clear();
        dropped = 0;
    }
}
