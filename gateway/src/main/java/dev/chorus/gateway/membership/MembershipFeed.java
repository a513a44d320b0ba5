package dev.chorus.gateway.membership;

import dev.chorus.delivery.Audience;
import dev.chorus.delivery.Delivery;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.auth.AuthenticatedUser;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.ConnectionListener;
import dev.chorus.gateway.delivery.DeliveryObserver;
import dev.chorus.gateway.kafka.CommandProducer;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.Group;
import dev.chorus.protocol.Profile;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Keeps the {@link MembershipIndex} current: asks for a user's profile when their first connection opens,
 * forgets them when their last one closes, and follows the membership deliveries of every group.
 *
 * <p>The profile it asks for is answered to a reply address that names no connection, so the client never
 * gets a {@code USER:PROFILE_REFRESHED} it did not ask for (a client that matches answers to its requests
 * would take it for the answer to its next one). A profile a client asked for seeds the index as well.
 */
@Component
public final class MembershipFeed implements DeliveryObserver, ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(MembershipFeed.class);

    private final MembershipIndex index;
    private final CommandProducer commands;
    private final String gatewayId;
    private final Clock clock;

    MembershipFeed(MembershipIndex index, CommandProducer commands, GatewayProperties properties, Clock clock) {
        this.index = index;
        this.commands = commands;
        this.gatewayId = properties.id();
        this.clock = clock;
    }

    @Override
    public void opened(Connection connection) {
        index.opened(connection.user().userId(), connection.id(), clock.instant())
                .ifPresent(replyId -> ask(connection.user(), replyId));
    }

    @Override
    public void closed(Connection connection) {
        index.closed(connection.user().userId(), connection.id());
    }

    /** Asks for the user's profile again if the last request failed or has gone unanswered for too long. */
    public void askAgainIfDue(Connection connection, Duration patience) {
        index.askAgain(connection.user().userId(), clock.instant(), patience)
                .ifPresent(replyId -> ask(connection.user(), replyId));
    }

    @Override
    public void observe(Delivery delivery) {
        String type = delivery.frame().type();
        if (ServerEventType.USER_JOINED.wireName().equals(type)) {
            ServerPayload.UserJoined joined = data(delivery, ServerPayload.UserJoined.class);
            index.joined(joined.member().userId(), joined.groupId());
        } else if (ServerEventType.USER_LEFT.wireName().equals(type)) {
            ServerPayload.UserLeft left = data(delivery, ServerPayload.UserLeft.class);
            index.left(left.userId(), left.groupId());
        } else if (ServerEventType.GROUP_DELETED.wireName().equals(type)) {
            index.deleted(data(delivery, ServerPayload.GroupDeleted.class).groupId());
        } else if (ServerEventType.PROFILE_REFRESHED.wireName().equals(type)
                && delivery.audience() instanceof Audience.Connection to && gatewayId.equals(to.gatewayId())) {
            Profile profile = data(delivery, Profile.class);
            index.profile(profile.userId(), to.connectionId(), profile.groups().stream().map(Group::id).toList());
        }
    }

    private void ask(AuthenticatedUser user, String replyId) {
        commands.submit(new ClientRequest.RefreshProfile(), user.actor(), replyId, problem -> {
            log.warn("could not ask for the groups of {} ({}); typing asks again", user.userId(), problem.message());
            index.askFailed(user.userId());
        });
    }

    private static <T> T data(Delivery delivery, Class<T> type) {
        return Json.mapper().treeToValue(delivery.frame().data(), type);
    }

    @Override
    public String toString() {
        return "MembershipFeed[" + gatewayId + "]";
    }
}
