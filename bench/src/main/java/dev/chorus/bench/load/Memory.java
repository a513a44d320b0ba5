package dev.chorus.bench.load;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A server process's heap after a full GC and its resident set, read from outside. */
public interface Memory {

    /** {@code [heapBytes, rssBytes]} */
    long[] read() throws IOException, InterruptedException;

    /** A JVM: {@code jcmd GC.run}, then the used heap from {@code jstat -gc}; RSS from /proc. */
    static Memory jvm(long pid) {
        return () -> {
            run("jcmd", Long.toString(pid), "GC.run");
            List<String> lines = run("jstat", "-gc", Long.toString(pid));
            String[] names = lines.get(0).trim().split("\\s+");
            String[] values = lines.get(1).trim().split("\\s+");
            double usedKb = 0;
            for (int i = 0; i < names.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                    usedKb += Double.parseDouble(values[i]);
                }
            }
            return new long[] {(long) (usedKb * 1024), rss(pid)};
        };
    }

    /** A Node peer's {@code GET /stats} (heap used after {@code global.gc()}, and RSS). */
    static Memory node(URI stats) {
        HttpClient http = HttpClient.newHttpClient();
        return () -> {
            String body = http.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode json = Scenarios.JSON.readTree(body);
            return new long[] {json.get("heapUsed").asLong(), json.get("rss").asLong()};
        };
    }

    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + lines);
        }
        return lines;
    }
}
