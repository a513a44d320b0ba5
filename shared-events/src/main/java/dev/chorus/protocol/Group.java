package dev.chorus.protocol;

import java.time.Instant;

/** A group as clients see it ({@code Group} in PROTOCOL.md). */
public record Group(String id, String name, String description, String createdBy, Instant createdAt,
                    int memberCount) {

    public Group withMemberCount(int count) {
        return new Group(id, name, description, createdBy, createdAt, count);
    }
}
