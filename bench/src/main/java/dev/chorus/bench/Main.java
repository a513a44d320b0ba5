package dev.chorus.bench;

import dev.chorus.bench.crash.CrashScenario;
import dev.chorus.bench.load.ChatTarget;
import dev.chorus.bench.load.ChorusTarget;
import dev.chorus.bench.load.CpuMeter;
import dev.chorus.bench.load.IdleConnections;
import dev.chorus.bench.load.IdleScenario;
import dev.chorus.bench.load.KafkaFloor;
import dev.chorus.bench.load.Memory;
import dev.chorus.bench.load.Report;
import dev.chorus.bench.load.Runs;
import dev.chorus.bench.load.Scenarios;
import dev.chorus.bench.load.SocketIoTarget;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code java -jar chorus-bench-exec.jar <command> [--option=value ...]}; scripts/bench.sh runs them all. */
public final class Main {

    private static final String USAGE = """
            usage: java -jar bench/target/chorus-bench-exec.jar <command> [--option=value ...]
              crash   the crash scenario against scripts/local-cluster.sh (docs/RELIABILITY.md)
                      [--gateways=ws://..,ws://..] [--cluster=scripts/local-cluster.sh] [--groups=5] [--members=4]
              load    scenarios 1 and 2: --target=chorus|socket.io --urls=ws://..,ws://.. --out=FILE
                      [--rates=100,500,1000,2000] [--sizes=10,100] [--max-rates=250,500,750,1000,1500,2000]
                      [--warm-up=5] [--measure=15] (seconds) [--max-rates=none] [--label=NAME]
                      [--scenario=latency|modes|repeat] (names the rows: repeat is the targets' step again)
                      [--prime=0] (seconds at half the first rate, not recorded, after connecting: a
                      just-started server warms up rather than starting the step behind)
                      [--cpu-of=broker:PID,processor:PID,..] (CPU per 1,000 deliveries of each, and the generator's)
                      [--secret-file=FILE] (sign tokens with the gateways' HS256 secret instead of asking the
                      first gateway's /api/dev/token)
              floor   scenario 4: --bootstrap=HOST:PORT --out=FILE [--rates=100,500,1000,2000] [--warm-up] [--measure]
                      [--commit-intervals=10,20] (ms: each rate again with the forward exactly-once, committed so often)
              idle    scenario 3: --target=chorus|socket.io --url=ws://.. --out=FILE [--levels=5000,10000,20000,50000]
                      [--sources=127.0.0.2,127.0.0.3,127.0.0.4] and --pid=PID --secret-file=FILE [--label=NAME] (chorus)
                      or --stats=http://../stats (socket.io)
              report  --results=FILE,FILE.. --out=docs/BENCHMARKS.md --plots=docs/benchmarks
                      --machine-file=FILE --command="scripts/bench.sh"
              runs    every full run kept, a row each: PERFORMANCE.md's table of the targets
                      [--runs=DIR,DIR..] (default: each docs/benchmarks/results/run-*)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.print(USAGE);
            System.exit(2);
        }
        Args options = null;
        try {
            options = new Args(Arrays.asList(args).subList(1, args.length));
            int status = switch (args[0]) {
                case "crash" -> CrashScenario.run(options);
                case "load" -> load(options);
                case "floor" -> floor(options);
                case "idle" -> idle(options);
                case "report" -> report(options);
                case "runs" -> runs(options);
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

    private static int load(Args args) throws Exception {
        List<URI> urls = args.list("urls", "ws://127.0.0.1:8081/ws,ws://127.0.0.1:8082/ws").stream()
                .map(URI::create).toList();
        String target = args.text("target", "chorus");
        Supplier<ChatTarget> targets = switch (target) {
            case "chorus" -> {
                Function<String, String> tokens = tokens(args, urls.get(0));
                yield () -> new ChorusTarget(urls, tokens);
            }
            case "socket.io" -> () -> new SocketIoTarget(urls);
            default -> throw new Args.UsageException("--target must be chorus or socket.io");
        };
        Scenarios scenarios = new Scenarios(targets, Path.of(required(args, "out")),
                Duration.ofSeconds(args.number("warm-up", 5)), Duration.ofSeconds(args.number("measure", 15)),
                Duration.ofSeconds(args.number("prime", 0)), args.text("label", null),
                CpuMeter.of(args.list("cpu-of", "")));
        scenarios.latency(args.text("scenario", "latency"), numbers(args, "sizes", "10,100"),
                numbers(args, "rates", "100,500,1000,2000"));
        if (!args.text("max-rates", "").equals("none")) {
            scenarios.max(100, numbers(args, "max-rates", "250,500,750,1000,1500,2000"));
        }
        return 0;
    }

    /**
     * Signed here with the cluster's secret when {@code --secret-file} is given (a gateway's Netty port serves
     * only {@code /ws}), else dev tokens from the first gateway's web server.
     */
    private static Function<String, String> tokens(Args args, URI firstGateway) throws IOException {
        String secretFile = args.text("secret-file", "");
        if (secretFile.isBlank()) {
            return new DevTokens(firstGateway)::token;
        }
        return new Hs256Tokens(Files.readString(Path.of(secretFile)).strip())::token;
    }

    private static int floor(Args args) throws Exception {
        new KafkaFloor(required(args, "bootstrap")).scenario(numbers(args, "rates", "100,500,1000,2000"),
                args.millis("commit-intervals"), Duration.ofSeconds(args.number("warm-up", 5)),
                Duration.ofSeconds(args.number("measure", 15)), Path.of(required(args, "out")));
        return 0;
    }

    private static int idle(Args args) throws Exception {
        String target = args.text("target", "chorus");
        String url = required(args, "url");
        List<String> sources = args.list("sources", "127.0.0.2,127.0.0.3,127.0.0.4");
        List<Integer> levels = numbers(args, "levels", "5000,10000,20000,50000");
        Path out = Path.of(required(args, "out"));
        if (target.equals("chorus")) {
            Hs256Tokens tokens = new Hs256Tokens(Files.readString(Path.of(required(args, "secret-file"))).strip());
            String run = Long.toString(System.currentTimeMillis(), 36);
            IdleScenario.run(args.text("label", target),
                    i -> URI.create(url + "?access_token=" + tokens.token("idle" + run + "-" + i)),
                    IdleConnections.Dialect.CHORUS, sources, Memory.jvm(Long.parseLong(required(args, "pid"))),
                    levels, out);
        } else if (target.equals("socket.io")) {
            IdleScenario.run(target, i -> URI.create(url), IdleConnections.Dialect.SOCKET_IO, sources,
                    Memory.node(URI.create(required(args, "stats"))), levels, out);
        } else {
            throw new Args.UsageException("--target must be chorus or socket.io");
        }
        return 0;
    }

    private static int report(Args args) throws Exception {
        List<Path> files = args.list("results", "").stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        String machine = args.text("machine-file", "").isBlank() ? ""
                : Files.readString(Path.of(args.text("machine-file", "")));
        Report.read(files).write(Path.of(args.text("out", "docs/BENCHMARKS.md")),
                Path.of(args.text("plots", "docs/benchmarks")), machine, args.text("command", "scripts/bench.sh"));
        return 0;
    }

    private static int runs(Args args) throws IOException {
        List<Path> runs = args.list("runs", "").stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        System.out.print(Runs.table(runs.isEmpty() ? Runs.kept(Runs.KEPT) : runs));
        return 0;
    }

    private static String required(Args args, String name) {
        String value = args.text(name, null);
        if (value == null || value.isBlank()) {
            throw new Args.UsageException("--" + name + " is required");
        }
        return value;
    }

    private static List<Integer> numbers(Args args, String name, String fallback) {
        try {
            return args.list(name, fallback).stream().map(String::strip).map(Integer::parseInt).toList();
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--" + name + " must be comma-separated whole numbers");
        }
    }
}
