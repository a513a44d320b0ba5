package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.gateway.auth.AuthenticatedUser;
import dev.chorus.gateway.connection.Connection;
import dev.chorus.gateway.connection.ConnectionListener;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.membership.MembershipIndex;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code CHAT:START_TYPING} and {@code CHAT:STOP_TYPING}, served by the gateway itself: checked against the
 * membership index, written to {@code chorus.ephemeral} and put on this gateway's board at once. Stops the
 * typist's typing by itself when they send a message in the group and when their last connection here
 * closes. Everything runs on the typing thread, in the order the requests came.
 */
final class TypingService implements ConnectionListener {

    private static final Logger log = LoggerFactory.getLogger(TypingService.class);

    private final TypingBoard board;
    private final TypingPublisher publisher;
    private final MembershipIndex index;
    private final Consumer<Connection> askForGroupsAgain;
    private final ConnectionRegistry registry;
    private final Scheduler scheduler;
    private final Duration membershipWait;
    private final String gatewayId;
    private final Clock clock;

    /**
     * @param askForGroupsAgain asks for the user's profile again if the last request failed or went
     *                          unanswered too long
     */
    TypingService(TypingBoard board, TypingPublisher publisher, MembershipIndex index,
                  Consumer<Connection> askForGroupsAgain, ConnectionRegistry registry, Scheduler scheduler,
                  Duration membershipWait, String gatewayId, Clock clock) {
        this.board = board;
        this.publisher = publisher;
        this.index = index;
        this.askForGroupsAgain = askForGroupsAgain;
        this.registry = registry;
        this.scheduler = scheduler;
        this.membershipWait = membershipWait;
        this.gatewayId = gatewayId;
        this.clock = clock;
    }

    @Override
    public boolean intercept(ClientRequest request, Connection connection, Consumer<Problem> refuse) {
        if (request instanceof ClientRequest.StartTyping start) {
            scheduler.execute(() -> start(connection, start.groupId(), refuse));
            return true;
        }
        if (request instanceof ClientRequest.StopTyping stop) {
            scheduler.execute(() -> stopAsked(connection.user(), stop.groupId(), refuse));
            return true;
        }
        String sentTo = null;
        if (request instanceof ClientRequest.SendMessageText text) {
            sentTo = text.groupId();
        } else if (request instanceof ClientRequest.SendMessageMedia media) {
            sentTo = media.groupId();
        }
        if (sentTo != null) {
            String groupId = sentTo;
            // the message still goes on to the log; its typing ends here, ahead of it
            scheduler.execute(() -> stopIfTyping(connection.user(), groupId));
        }
        return false;
    }

    @Override
    public void closed(Connection connection) {
        String userId = connection.user().userId();
        scheduler.execute(() -> {
            // checked on the typing thread, so a connection opened since does keep the typing going
            if (!registry.ofUser(userId).isEmpty()) {
                return;
            }
            for (String groupId : board.groupsTypedThrough(userId, gatewayId)) {
                signal(connection.user(), groupId, false, problem -> { });
            }
        });
    }

    private void start(Connection connection, String groupId, Consumer<Problem> refuse) {
        AuthenticatedUser user = connection.user();
        MembershipIndex.Standing standing = index.standing(user.userId(), groupId);
        if (standing == MembershipIndex.Standing.UNKNOWN) {
            startOnceKnown(connection, groupId, refuse);
        } else if (standing == MembershipIndex.Standing.NOT_MEMBER) {
            refuse.accept(new Problem(ErrorCode.NOT_MEMBER, "you are not a member of group " + groupId));
        } else {
            signal(user, groupId, true, refuse);
        }
    }

    /** Just after connecting the user's groups may still be on their way: the start waits for them, a while. */
    private void startOnceKnown(Connection connection, String groupId, Consumer<Problem> refuse) {
        askForGroupsAgain.accept(connection);
        AtomicBoolean settled = new AtomicBoolean();
        Scheduler.Timer deadline = scheduler.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                refuse.accept(new Problem(ErrorCode.UNAVAILABLE, "your groups are still loading; retry"));
            }
        }, membershipWait);
        index.whenKnown(connection.user().userId(), () -> scheduler.execute(() -> {
            if (settled.compareAndSet(false, true)) {
                deadline.cancel();
                start(connection, groupId, refuse);
            }
        }));
    }

    /**
     * A stop is sent for any member, typing here or not: the start may have come through another gateway.
     * A non-member cannot be typing, so theirs is a no-op rather than an error; STOP_TYPING has no
     * membership rule in the protocol.
     */
    private void stopAsked(AuthenticatedUser user, String groupId, Consumer<Problem> refuse) {
        if (board.isTyping(groupId, user.userId())
                || index.standing(user.userId(), groupId) != MembershipIndex.Standing.NOT_MEMBER) {
            signal(user, groupId, false, refuse);
        }
    }

    private void stopIfTyping(AuthenticatedUser user, String groupId) {
        if (board.isTyping(groupId, user.userId())) {
            signal(user, groupId, false, problem -> { });
        }
    }

    /** Written to every gateway, and applied here at once, so that a stop right after finds the start. */
    private void signal(AuthenticatedUser user, String groupId, boolean active, Consumer<Problem> onFailure) {
        Typing typing = new Typing(groupId, user.userId(), user.displayName(), active, gatewayId,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        publisher.publish(typing, onFailure);
        board.apply(typing);
        log.debug("{} {} typing in {}", user.userId(), active ? "started" : "stopped", groupId);
    }
}
