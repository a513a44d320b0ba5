package dev.chorus.gateway.connection;

import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.Problem;

/** A frame read: either a valid request, or the reason it is refused with what could be told of it. */
sealed interface ParseResult {

    record Accepted(ClientRequest request) implements ParseResult {
    }

    record Rejected(Problem problem, RequestContext context) implements ParseResult {
    }
}
