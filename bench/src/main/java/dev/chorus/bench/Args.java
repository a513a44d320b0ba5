package dev.chorus.bench;

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

    /** A command line that cannot be run as given. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
