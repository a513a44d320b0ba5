package dev.chorus.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Compose's own reading of docker-compose.yml ({@code docker compose config}, which needs no daemon), where a
 * Compose is installed: the v2 plugin, or the v1 {@code docker-compose} (Debian's package). Skipped otherwise.
 */
class ComposeConfigTest {

    private record Result(int exitCode, String output) {
    }

    @Test
    void composeAcceptsTheFileAndInsistsOnTheSigningSecret() throws Exception {
        List<String> compose = installedCompose();
        assumeTrue(compose != null, "no Docker Compose here (neither `docker compose` nor `docker-compose`)");

        Result withSecret = run(compose, Map.of("CHORUS_HS256_SECRET", Compose.REQUIRED_VALUE), "config", "--quiet");
        assertThat(withSecret.exitCode()).as(withSecret.output()).isZero();

        Result withoutSecret = run(compose, Map.of(), "config", "--quiet");
        assertThat(withoutSecret.exitCode()).isNotZero();
        assertThat(withoutSecret.output()).contains("CHORUS_HS256_SECRET");
    }

    private static List<String> installedCompose() throws Exception {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                if (run(candidate, Map.of(), "version").exitCode() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        return null;
    }

    private static Result run(List<String> compose, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(compose);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Compose.ROOT.toFile()).redirectErrorStream(true);
        builder.environment().remove("CHORUS_HS256_SECRET");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
