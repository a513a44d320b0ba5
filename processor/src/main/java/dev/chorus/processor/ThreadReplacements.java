package dev.chorus.processor;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a stream thread dies of an exception Streams could not handle itself: it is replaced,
 * because whatever killed it (a broker gone at a bad moment) is usually over; but only so many times, after
 * which the processor stops its streams rather than go on failing quietly. Its tasks' uncommitted work is
 * aborted either way, so nothing is half-written.
 */
final class ThreadReplacements implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ThreadReplacements.class);

    private final int max;
    private int used;

    ThreadReplacements(int max) {
        this.max = max;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        if (used < max) {
            used++;
            log.error("A processor stream thread died; replacing it ({} of {} replacements)", used, max, exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        log.error("A processor stream thread died after {} replacements; stopping the processor's streams", max,
                exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
