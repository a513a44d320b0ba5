package dev.chorus.gateway.typing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The typing thread: one single-threaded scheduled executor for the whole gateway, never a thread per
 * connection. On shutdown it runs what is queued (the stops of the connections just closed) and drops the
 * timers, which would only end typing the stops already ended.
 */
final class ExecutorScheduler implements Scheduler, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutorScheduler.class);
    /** Plenty for the handful of stops queued by the closing connections; a shutdown must not hang on them. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean running;

    ExecutorScheduler() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "chorus-typing");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.info("typing is stopped; a typing task was not run");
        }
    }

    @Override
    public Timer schedule(Runnable task, Duration delay) {
        try {
            ScheduledFuture<?> future = executor.schedule(guarded(task), delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            log.info("typing is stopped; a typing timer was not set");
            return () -> { };
        }
    }

    /** A task that throws would otherwise end silently inside its future. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("a typing task failed; typing goes on", e);
            }
        };
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("typing tasks still running after {}; stopping them", DRAIN_TIMEOUT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the connections have closed (and queued their stops), and after the typing reader. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 2;
    }
}
