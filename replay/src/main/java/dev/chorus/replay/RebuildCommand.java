package dev.chorus.replay;

import dev.chorus.topic.Json;

import java.io.PrintStream;
import java.util.Optional;

/** {@code rebuild}: the state as of a position, folded from the start of the log, printed as JSON. */
final class RebuildCommand {

    private final Arguments arguments;
    private final Progress progress;

    RebuildCommand(Arguments arguments, Progress progress) {
        this.arguments = arguments;
        this.progress = progress;
    }

    int run(PrintStream out) {
        try (LogReader reader = new LogReader(arguments.bootstrapServers(), progress)) {
            EventLog log = new EventLog(reader);
            EventLog.Range range = log.range(arguments.group(), Optional.empty(), arguments.to());
            ReplayedState state = new ReplayedState();
            EventLog.Read read = log.read(range, arguments.group(), event -> apply(state, event));
            out.println(Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(StateReport.of(state, read.ends(), arguments.group())));
            return ReplayCli.OK;
        }
    }

    static void apply(ReplayedState state, LoggedEvent event) {
        try {
            state.apply(event.event());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalStateException("the event at " + event.where() + " cannot be applied: " + e.getMessage(), e);
        }
    }
}
