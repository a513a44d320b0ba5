package dev.chorus.replay;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long read on standard error, at most once a second: records read of the total, and the rate.
 * Standard output stays the tool's result alone.
 */
final class Progress {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private final LongSupplier nanoTime;
    private String what = "";
    private long total;
    private long read;
    private long started;
    private long lastPrinted;

    Progress(PrintStream err, boolean enabled) {
        this(err, enabled, System::nanoTime);
    }

    Progress(PrintStream err, boolean enabled, LongSupplier nanoTime) {
        this.err = err;
        this.enabled = enabled;
        this.nanoTime = nanoTime;
    }

    /** Starts counting a read of {@code total} records (the sum of end minus start offsets) of {@code what}. */
    void start(String what, long total) {
        this.what = what;
        this.total = total;
        this.read = 0;
        this.started = nanoTime.getAsLong();
        this.lastPrinted = started;
    }

    void advance(long records) {
        read += records;
        long now = nanoTime.getAsLong();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            print(line(now));
        }
    }

    /** The closing line of a read, printed whatever its length. */
    void done() {
        long now = nanoTime.getAsLong();
        double seconds = Math.max(now - started, 1) / 1e9;
        print(String.format(Locale.ROOT, "%s: %,d records in %.1f s", what, read, seconds));
    }

    String line(long now) {
        double seconds = Math.max(now - started, 1) / 1e9;
        // transaction markers take offsets too, so the records read may stay a little under the total
        double percent = total == 0 ? 100 : 100.0 * read / total;
        return String.format(Locale.ROOT, "%s: %,d / %,d records (%.0f%%), %,.0f records/s",
                what, read, total, Math.min(percent, 100), read / seconds);
    }

    private void print(String line) {
        if (enabled) {
            err.println(line);
            err.flush();
        }
    }
}
