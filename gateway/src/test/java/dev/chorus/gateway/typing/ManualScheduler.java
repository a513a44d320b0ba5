package dev.chorus.gateway.typing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;

/**
 * The typing thread, driven by the test: tasks run on the test's thread, in the order given, each after the
 * one that gave it (as on the real thread); timers fire when the test moves time on.
 */
final class ManualScheduler implements Scheduler {

    private final Queue<Runnable> queue = new ArrayDeque<>();
    private final List<Pending> timers = new ArrayList<>();
    private Duration now = Duration.ZERO;
    private long scheduled;
    private boolean running;

    private static final class Pending {
        final Duration at;
        final long order;
        final Runnable task;
        boolean cancelled;

        Pending(Duration at, long order, Runnable task) {
            this.at = at;
            this.order = order;
            this.task = task;
        }
    }

    @Override
    public void execute(Runnable task) {
        queue.add(task);
        drain();
    }

    @Override
    public Timer schedule(Runnable task, Duration delay) {
        Pending pending = new Pending(now.plus(delay), scheduled++, task);
        timers.add(pending);
        return () -> pending.cancelled = true;
    }

    /** Moves time on, firing every timer due on the way, in time order. */
    void advance(Duration by) {
        Duration until = now.plus(by);
        while (true) {
            Optional<Pending> next = timers.stream().filter(p -> !p.cancelled && p.at.compareTo(until) <= 0)
                    .min(Comparator.comparing((Pending p) -> p.at).thenComparingLong(p -> p.order));
            if (next.isEmpty()) {
                break;
            }
            timers.remove(next.get());
            now = next.get().at;
            execute(next.get().task);
        }
        now = until;
    }

    /** Timers set and not yet fired nor cancelled. */
    long pendingTimers() {
        return timers.stream().filter(p -> !p.cancelled).count();
    }

    private void drain() {
        if (running) {
            return;
        }
        running = true;
        try {
            while (!queue.isEmpty()) {
                queue.poll().run();
            }
        } finally {
            running = false;
        }
    }
}
