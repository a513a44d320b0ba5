package dev.chorus.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line, checked: {@code <command> --name=value ...}. Anything wrong is a {@link UsageException}
 * that names the problem; the tool then prints the usage and exits with 2.
 *
 * @param to      exclusive: the first position not read (export's {@code --to-*}, rebuild's {@code --as-of-*})
 * @param timeout verify: how long differences may take to settle before they count
 */
record Arguments(Command command, String bootstrapServers, Optional<String> group, Optional<Position> from,
                 Optional<Position> to, Optional<Path> out, String applicationId, Duration timeout,
                 boolean quiet) {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    static final String DEFAULT_APPLICATION_ID = "chorus-processor";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    enum Command {
        EXPORT(Set.of("group", "from-time", "from-offset", "to-time", "to-offset", "out")),
        REBUILD(Set.of("group", "as-of-time", "as-of-offset")),
        VERIFY(Set.of("application-id", "timeout")),
        HELP(Set.of());

        private static final Set<String> COMMON = Set.of("bootstrap-servers", "quiet");
        private final Set<String> options;

        Command(Set<String> options) {
            this.options = options;
        }

        boolean accepts(String option) {
            return COMMON.contains(option) || options.contains(option);
        }
    }

    /** A place in each partition read: an offset, or the first record stamped at or after a time. */
    sealed interface Position {
        record Offset(long offset) implements Position {
        }

        /** @param inclusive also the records stamped exactly at {@code time} (for an end) */
        record Time(Instant time, boolean inclusive) implements Position {
        }
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final String USAGE = """
            usage: java -jar chorus-replay.jar <command> [--option=value ...]

            commands:
              export   the events of chorus.events as JSON Lines (one event a line, with its topic, partition,
                       offset, timestamp, key, CloudEvents headers and the event)
                         --group=ID            one group's events only (its partition, its key)
                         --from-time=TIME      from the first event stamped at or after TIME
                         --from-offset=N       from offset N of each partition read
                         --to-time=TIME        up to, not including, the first event stamped at or after TIME
                         --to-offset=N         up to, not including, offset N of each partition read
                         --out=FILE            write to FILE instead of standard output
              rebuild  fold the events into fresh state with the processor's own evolve; print it as JSON
                         --group=ID            one group only
                         --as-of-time=TIME     the state before the first event stamped after TIME
                         --as-of-offset=N      the state after the events before offset N of each partition read
              verify   rebuild from the whole of chorus.events and compare with the processor's live state
                       (its stores' changelog topics and chorus.group-directory); exit 1 on any difference
                         --application-id=ID   the processor's Kafka Streams application id (chorus-processor)
                         --timeout=DURATION    how long differences may take to settle, e.g. 10s, 500ms (10s)

            every command:
              --bootstrap-servers=HOST:PORT,...   the Kafka cluster (localhost:9092)
              --quiet                             no progress on standard error

            TIME is ISO-8601 with a zone, e.g. 2026-11-24T10:15:30Z, compared with the records' Kafka timestamps,
            in each partition. Offsets are positions as Kafka counts them: with --group they are offsets of the
            group's partition, without it each partition's.
            Exit codes: 0 done (verify: no difference), 1 a failure or a difference, 2 bad arguments.
            """;

    static Arguments parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        Command command = command(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return help();
            }
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "': options are --name=value");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (!command.accepts(name)) {
                throw new UsageException("'" + command.name().toLowerCase(Locale.ROOT) + "' takes no option --" + name);
            }
            if (name.equals("quiet")) {
                if (value != null) {
                    throw new UsageException("--quiet takes no value");
                }
                value = "true";
            } else if (value == null || value.isBlank()) {
                throw new UsageException("--" + name + " needs a value: --" + name + "=...");
            }
            if (options.put(name, value) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        if (command == Command.HELP) {
            return help();
        }
        Optional<Position> from = position(options, "from-time", "from-offset", false);
        Optional<Position> to = command == Command.REBUILD
                ? position(options, "as-of-time", "as-of-offset", true)
                : position(options, "to-time", "to-offset", false);
        if (from.isPresent() && to.isPresent()) {
            checkOrder(from.get(), to.get());
        }
        return new Arguments(command,
                options.getOrDefault("bootstrap-servers", DEFAULT_BOOTSTRAP_SERVERS),
                Optional.ofNullable(options.get("group")),
                from, to,
                Optional.ofNullable(options.get("out")).map(Path::of),
                options.getOrDefault("application-id", DEFAULT_APPLICATION_ID),
                options.containsKey("timeout") ? duration(options.get("timeout")) : DEFAULT_TIMEOUT,
                options.containsKey("quiet"));
    }

    private static Arguments help() {
        return new Arguments(Command.HELP, DEFAULT_BOOTSTRAP_SERVERS, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), DEFAULT_APPLICATION_ID, DEFAULT_TIMEOUT, true);
    }

    private static Command command(String name) {
        if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
            return Command.HELP;
        }
        for (Command command : Command.values()) {
            if (command != Command.HELP && command.name().toLowerCase(Locale.ROOT).equals(name)) {
                return command;
            }
        }
        throw new UsageException("unknown command '" + name + "': export, rebuild or verify");
    }

    private static Optional<Position> position(Map<String, String> options, String timeOption, String offsetOption,
                                               boolean inclusiveTime) {
        String time = options.get(timeOption);
        String offset = options.get(offsetOption);
        if (time != null && offset != null) {
            throw new UsageException("--" + timeOption + " and --" + offsetOption + " exclude each other");
        }
        if (time != null) {
            return Optional.of(new Position.Time(instant(timeOption, time), inclusiveTime));
        }
        if (offset != null) {
            return Optional.of(new Position.Offset(offset(offsetOption, offset)));
        }
        return Optional.empty();
    }

    private static void checkOrder(Position from, Position to) {
        if (from instanceof Position.Offset f && to instanceof Position.Offset t && f.offset() > t.offset()) {
            throw new UsageException("--from-offset=" + f.offset() + " is after --to-offset=" + t.offset());
        }
        if (from instanceof Position.Time f && to instanceof Position.Time t && f.time().isAfter(t.time())) {
            throw new UsageException("--from-time=" + f.time() + " is after --to-time=" + t.time());
        }
    }

    private static Instant instant(String option, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + option + "=" + value + " is not an ISO-8601 time with a zone, "
                    + "e.g. 2026-11-24T10:15:30Z");
        }
    }

    private static long offset(String option, String value) {
        try {
            long offset = Long.parseLong(value);
            if (offset < 0) {
                throw new UsageException("--" + option + " must not be negative");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + "=" + value + " is not an offset (a whole number)");
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, or ISO-8601 ({@code PT10S}); more than zero. */
    static Duration duration(String value) {
        Duration duration = null;
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                duration = Duration.parse(v);
            } else if (v.endsWith("ms")) {
                duration = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                duration = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                duration = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            duration = null;
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new UsageException("--timeout=" + value + " is not a duration such as 500ms, 10s or 2m");
        }
        return duration;
    }
}
