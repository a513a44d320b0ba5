package dev.chorus.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.List;

/** Who a delivery is for. Every gateway reads every delivery and pushes it to its local connections in it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(Audience.Users.class),
        @JsonSubTypes.Type(Audience.User.class),
        @JsonSubTypes.Type(Audience.Connection.class),
        @JsonSubTypes.Type(Audience.Everyone.class)
})
public sealed interface Audience {

    /**
     * Named users, all their connections: a group's members as the processor knew them when it decided,
     * so no gateway has to know the membership to route a group's deliveries.
     */
    @JsonTypeName("users")
    record Users(List<String> userIds) implements Audience {
        public Users {
            userIds = List.copyOf(userIds);
        }
    }

    /** Every connection of one user. */
    @JsonTypeName("user")
    record User(String userId) implements Audience {
    }

    /** One connection on one gateway: answers to queries and errors. */
    @JsonTypeName("connection")
    record Connection(String gatewayId, String connectionId) implements Audience {
    }

    /** Every connected user on every gateway. */
    @JsonTypeName("everyone")
    record Everyone() implements Audience {
    }
}
