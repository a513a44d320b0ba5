package dev.chorus.gateway.connection;

import dev.chorus.protocol.Problem;
import dev.chorus.protocol.Rules;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Typed, exact access to the fields of a frame's {@code data}: a field of the wrong JSON type is refused,
 * never coerced, and JSON {@code null} counts as absent. The first problem ends the reading.
 */
final class DataFields {

    private final JsonNode data;

    DataFields(JsonNode data) {
        this.data = data;
    }

    String requiredString(String name) {
        String value = optionalString(name);
        if (value == null) {
            throw new Rejection(Problem.badRequest(name + " is required"));
        }
        return value;
    }

    String optionalString(String name) {
        JsonNode node = present(name);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw new Rejection(Problem.badRequest(name + " must be a string"));
        }
        if (!Rules.wellFormed(node.stringValue())) {
            throw new Rejection(Problem.badRequest(name + " must be valid Unicode: it holds a lone surrogate"));
        }
        return node.stringValue();
    }

    Integer optionalInt(String name) {
        JsonNode node = integral(name);
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw new Rejection(Problem.badRequest(name + " is out of range"));
        }
        return node.intValue();
    }

    Long optionalLong(String name) {
        JsonNode node = integral(name);
        if (node == null) {
            return null;
        }
        if (!node.canConvertToLong()) {
            throw new Rejection(Problem.badRequest(name + " is out of range"));
        }
        return node.longValue();
    }

    /** Applies one of the shared {@code Rules}. */
    static void check(Optional<Problem> problem) {
        if (problem.isPresent()) {
            throw new Rejection(problem.get());
        }
    }

    /** 5.0 and 5e0 are refused as well as 5.5: clients write integers as integers. */
    private JsonNode integral(String name) {
        JsonNode node = present(name);
        if (node != null && !node.isIntegralNumber()) {
            throw new Rejection(Problem.badRequest(name + " must be an integer"));
        }
        return node;
    }

    private JsonNode present(String name) {
        JsonNode node = data.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** Ends the reading of a frame; never leaves the parser. No stack trace: it is an answer, not a fault. */
    static final class Rejection extends RuntimeException {

        private final transient Problem problem;

        Rejection(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        Problem problem() {
            return problem;
        }
    }
}
