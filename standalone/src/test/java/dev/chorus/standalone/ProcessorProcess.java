package dev.chorus.standalone;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real processor in a child JVM, so that it can be killed as a crash kills it: SIGKILL, with no
 * commit, no flush, no leaving the group. Its output goes to a log file next to its state.
 */
final class ProcessorProcess {

    private static final String RUNNING = "to RUNNING";

    private final List<String> command;
    private final Path log;
    private Process process;
    private volatile CountDownLatch running;

    ProcessorProcess(String bootstrapServers, Path stateDir, String... extraArgs) {
        this.log = stateDir.resolveSibling(stateDir.getFileName() + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.chorus.processor.ProcessorApplication",
                "--chorus.kafka.bootstrap-servers=" + bootstrapServers,
                "--chorus.processor.state-dir=" + stateDir,
                "--spring.main.banner-mode=off",
                // its actuator's port: several of these run on one machine, and 8090 is each one's default
                "--server.port=0"));
        command.addAll(List.of(extraArgs));
    }

    /** Starts it and waits until its streams are RUNNING. */
    void start(Duration timeout) {
        launch();
        awaitRunning(timeout);
    }

    /** Starts it without waiting. */
    void launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a processor JVM", e);
        }
        CountDownLatch latch = new CountDownLatch(1);
        running = latch;
        Process started = process;
        Thread pump = new Thread(() -> pump(started, latch), "processor-output");
        pump.setDaemon(true);
        pump.start();
    }

    void awaitRunning(Duration timeout) {
        try {
            if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the processor was not RUNNING after " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGKILL: the JVM ends mid-transaction, whatever it was doing. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void pump(Process from, CountDownLatch running) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            String line;
            while ((line = lines.readLine()) != null) {
                out.println(line);
                out.flush();
                if (line.contains(RUNNING)) {
                    running.countDown();
                }
            }
        } catch (IOException e) {
            // the stream ends with the process; a kill closes it under the reader
            System.err.println("processor output ended: " + e);
        }
    }
}
