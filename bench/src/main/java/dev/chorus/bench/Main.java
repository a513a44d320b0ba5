package dev.chorus.bench;

import dev.chorus.bench.crash.CrashScenario;

import java.util.Arrays;
import java.util.List;

/** {@code java -jar chorus-bench-exec.jar <command> [--option=value ...]}. */
public final class Main {

    private static final String USAGE = """
            usage: java -jar bench/target/chorus-bench-exec.jar <command> [--option=value ...]
              crash   the crash scenario against scripts/local-cluster.sh (see docs/RELIABILITY.md)
            """;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        List<String> options = Arrays.asList(args).subList(1, args.length);
        try {
            int status = switch (args[0]) {
                case "crash" -> CrashScenario.run(new Args(options));
                default -> throw new Args.UsageException("unknown command " + args[0]);
            };
            System.exit(status);
        } catch (Args.UsageException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // not a hang on some non-daemon thread
        }
    }
}
