package dev.chorus.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The few {@link HttpClient}s a target's thousands of WebSockets share, rather than a selector thread
 * each. They run callbacks on their selector threads ({@code Runnable::run}) instead of handing every
 * frame to a pool thread: measured against the peer, that halved the generator's CPU per delivery. What
 * runs there (the listener, queueing the next send) never blocks.
 */
final class HttpClients {

    private HttpClients() {
    }

    static List<HttpClient> onSelectorThreads(int count, Duration connectTimeout) {
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(HttpClient.newBuilder().executor(Runnable::run).connectTimeout(connectTimeout).build());
        }
        return List.copyOf(clients);
    }
}
