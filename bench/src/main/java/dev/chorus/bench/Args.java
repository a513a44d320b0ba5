package dev.chorus.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name=value} options after a command; anything else is a usage error. */
public final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Args(List<String> args) {
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new UsageException("not an option: " + arg);
            }
            int eq = arg.indexOf('=');
            values.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int number(String name, int fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, not " + value);
        }
    }

    public List<String> list(String name, String fallback) {
        return List.of(text(name, fallback).split(","));
    }

    /** Comma-separated positive whole milliseconds; none when the option is absent or empty. */
    public List<Duration> millis(String name) {
        String value = text(name, "");
        if (value.isBlank()) {
            return List.of();
        }
        try {
            List<Duration> durations = Arrays.stream(value.split(",")).map(String::strip)
                    .map(Long::parseLong).map(Duration::ofMillis).toList();
            if (durations.stream().noneMatch(d -> d.isNegative() || d.isZero())) {
                return durations;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--" + name + " must be comma-separated positive whole milliseconds, not " + value);
    }

    /** A command line that cannot be run as given. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
