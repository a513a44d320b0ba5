package dev.chorus.gateway.connection;

import dev.chorus.protocol.ClientRequest;

/**
 * What a {@code SYSTEM:ERROR} echoes of the request it answers, so a client can match the error to what it
 * sent. Every part may be {@code null} when the frame was too broken to tell.
 */
record RequestContext(String requestType, String groupId, String clientMessageId) {

    static final RequestContext NONE = new RequestContext(null, null, null);

    static RequestContext of(ClientRequest request) {
        String groupId = request instanceof ClientRequest.GroupScoped scoped ? scoped.groupId() : null;
        String clientMessageId = null;
        if (request instanceof ClientRequest.SendMessageText text) {
            clientMessageId = text.clientMessageId();
        } else if (request instanceof ClientRequest.SendMessageMedia media) {
            clientMessageId = media.clientMessageId();
        }
        return new RequestContext(request.type().wireName(), groupId, clientMessageId);
    }
}
