package dev.chorus.replay;

import dev.chorus.topic.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code export}: the events of a range as JSON Lines, to standard output or a file. */
final class ExportCommand {

    private final Arguments arguments;
    private final Progress progress;

    ExportCommand(Arguments arguments, Progress progress) {
        this.arguments = arguments;
        this.progress = progress;
    }

    int run(PrintStream out, PrintStream err) {
        try (LogReader reader = new LogReader(arguments.bootstrapServers(), progress);
             Writer writer = open(out)) {
            EventLog log = new EventLog(reader);
            EventLog.Range range = log.range(arguments.group(), arguments.from(), arguments.to());
            long exported = log.read(range, arguments.group(), event -> write(writer, event)).events();
            writer.flush();
            if (!arguments.quiet()) {
                err.println("exported " + exported + " events" + arguments.out().map(path -> " to " + path).orElse(""));
            }
            return ReplayCli.OK;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Writer open(PrintStream out) throws IOException {
        if (arguments.out().isPresent()) {
            Path file = arguments.out().get();
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        // closing the writer must not close standard output
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static void write(Writer writer, LoggedEvent event) {
        try {
            writer.write(Json.mapper().writeValueAsString(event.toJson()));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
