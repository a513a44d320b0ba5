package dev.chorus.bench.load;

import dev.chorus.client.ChorusClient;
import dev.chorus.client.ClientSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Chorus through its JVM client library: one {@link ChorusClient} per user, user {@code i} first on
 * gateway {@code i % gateways}, the clients sharing a few {@link HttpClient}s.
 */
public final class ChorusTarget implements ChatTarget {

    private static final int HTTP_CLIENTS = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final List<URI> gateways;
    private final Function<String, String> tokenFor;
    private final List<HttpClient> http;
    private final List<ChorusClient> clients = new ArrayList<>();
    private final List<String> groupIds = new ArrayList<>();
    private int members;

    public ChorusTarget(List<URI> gateways, Function<String, String> tokenFor) {
        this.gateways = List.copyOf(gateways);
        this.tokenFor = tokenFor;
        // the WebSocket builder of each ChorusClient sets its own connect timeout
        this.http = HttpClients.onSelectorThreads(HTTP_CLIENTS, CONNECT_TIMEOUT);
    }

    @Override
    public String name() {
        return "chorus";
    }

    @Override
    public void connect(int groups, int members, Delivery listener) throws Exception {
        this.members = members;
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int g = 0; g < groups; g++) {
            List<CompletableFuture<Void>> joins = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                int user = g * members + m;
                int group = g;
                int member = m;
                List<URI> order = new ArrayList<>();
                for (int i = 0; i < gateways.size(); i++) {
                    order.add(gateways.get((user + i) % gateways.size()));
                }
                String token = tokenFor.apply("b" + run + "-" + user);
                ChorusClient client = ChorusClient.start(ClientSettings.of(order, () -> token),
                        message -> listener.delivered(group, member, message.text(), System.nanoTime()),
                        http.get(user % http.size()));
                clients.add(client);
                if (m == 0) {
                    groupIds.add(client.createGroup("bench-" + run + "-" + g).get(60, TimeUnit.SECONDS));
                } else {
                    joins.add(client.joinGroup(groupIds.get(g)));
                }
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
    }

    @Override
    public void send(int group, int member, String text) {
        clients.get(group * members + member).sendText(groupIds.get(group), text);
    }

    @Override
    public void close() {
        clients.forEach(ChorusClient::close);
    }
}
