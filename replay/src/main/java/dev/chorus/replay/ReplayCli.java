package dev.chorus.replay;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code java -jar chorus-replay.jar <command> ...}: export, rebuild and verify from the audit log. Standard
 * output carries the result, standard error the progress and the problems.
 */
public final class ReplayCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private ReplayCli() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int exit = run(args, out, System.err);
        out.flush();
        System.exit(exit);
    }

    /** Runs one command; the exit code is the result. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (Arguments.UsageException e) {
            err.println("replay: " + e.getMessage());
            err.println();
            err.print(Arguments.USAGE);
            return USAGE;
        }
        Progress progress = new Progress(err, !arguments.quiet());
        try {
            return switch (arguments.command()) {
                case HELP -> {
                    out.print(Arguments.USAGE);
                    yield OK;
                }
                case EXPORT -> new ExportCommand(arguments, progress).run(out, err);
                case REBUILD -> new RebuildCommand(arguments, progress).run(out);
                case VERIFY -> new VerifyCommand(arguments, progress).run(out, err);
            };
        } catch (RuntimeException e) {
            err.println("replay: " + arguments.command().name().toLowerCase(Locale.ROOT) + " failed: " + e);
            return FAILED;
        }
    }
}
