package dev.chorus.bench.crash;

import java.io.IOException;

/** Kills and starts the roles of {@code scripts/local-cluster.sh} through the script itself. */
final class ClusterControl {

    private final String script;

    ClusterControl(String script) {
        this.script = script;
    }

    /** {@code kill -9} of one role (broker-N, processor-N, gateway-N). */
    void kill(String name) throws IOException, InterruptedException {
        run("kill", name);
    }

    /** Starts one role and returns once it is ready. */
    void up(String name) throws IOException, InterruptedException {
        run("up", name);
    }

    private void run(String command, String name) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(script, command, name).inheritIO().start();
        int status = process.waitFor();
        if (status != 0) {
            throw new IOException(script + " " + command + " " + name + " exited " + status);
        }
    }
}
