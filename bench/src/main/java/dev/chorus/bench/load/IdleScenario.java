package dev.chorus.bench.load;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Scenario 3: ramps idle connections on one server through {@code levels}, and at each level (and with
 * none) reads the server's heap after a full GC and its RSS. Per connection = the growth over the
 * connection-less reading, divided by the connections.
 */
public final class IdleScenario {

    private IdleScenario() {
    }

    public static void run(String target, IntFunction<URI> uriFor, IdleConnections.Dialect dialect,
                           List<String> sources, Memory memory, List<Integer> levels, Path out) throws Exception {
        long[] base = settle(memory);
        Scenarios.append(out, Row.idle(target, 0, base[0], base[1]));
        Scenarios.say(String.format("idle %s: 0 connections: heap %d KiB, RSS %d KiB", target, base[0] >> 10,
                base[1] >> 10));
        try (IdleConnections connections = new IdleConnections(uriFor, dialect, sources)) {
            for (int level : levels) {
                long started = System.nanoTime();
                try {
                    connections.rampTo(level, 500, 600);
                } catch (IllegalStateException e) {
                    // the server gave out (e.g. out of memory): that is the figure, not a failed run
                    Scenarios.say("idle " + target + ": could not reach " + level + " connections: " + e.getMessage());
                    break;
                }
                long[] now = settle(memory);
                int open = connections.openCount();
                Scenarios.append(out, Row.idle(target, open, now[0], now[1]));
                Scenarios.say(String.format("idle %s: %d connections (ramp %d s): heap %d KiB (%.1f KiB each),"
                                + " RSS %d KiB (%.1f KiB each)", target, open,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), now[0] >> 10,
                        (now[0] - base[0]) / 1024.0 / open, now[1] >> 10, (now[1] - base[1]) / 1024.0 / open));
                if (!connections.errors().isEmpty()) {
                    Scenarios.say("idle " + target + ": closed by the generator after an error: " + connections.errors());
                }
            }
        }
    }

    /** Reads twice a few seconds apart, after the ramp's garbage has gone, and keeps the second. */
    private static long[] settle(Memory memory) throws Exception {
        TimeUnit.SECONDS.sleep(5);
        memory.read();
        TimeUnit.SECONDS.sleep(2);
        return memory.read();
    }
}
