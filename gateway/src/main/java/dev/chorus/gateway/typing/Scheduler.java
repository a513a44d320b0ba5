package dev.chorus.gateway.typing;

import java.time.Duration;

/**
 * The one thread typing runs on: every change of typing state, every typing signal written and every
 * timer. Confining it all to one thread keeps a start and the stop after it in order, on the wire and on
 * every connection, without a lock. Tests drive it by hand.
 */
interface Scheduler {

    /** Runs the task on the typing thread, after the tasks already given. */
    void execute(Runnable task);

    /** Runs the task on the typing thread once the delay has passed, unless cancelled first. */
    Timer schedule(Runnable task, Duration delay);

    interface Timer {
        void cancel();
    }
}
