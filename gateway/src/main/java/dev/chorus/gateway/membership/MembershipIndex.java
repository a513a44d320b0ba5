package dev.chorus.gateway.membership;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * For each user connected to this gateway, the groups they are in, and for each group its members connected
 * here. It holds local users only, so it is as large as this gateway's share of the users, not the system.
 *
 * <p>A user's groups come first from a profile asked when their first connection here opens, then from the
 * membership deliveries every gateway reads. Deliveries read before the profile arrives are kept and laid
 * over it: each one is at least as new as the profile for its group, since a profile asked after a change
 * was decided is answered after it (they share the user's partition in the processor), and a change decided
 * later is read later. Thread-safe: deliveries, connections and typing call in from their own threads.
 */
@Component
public final class MembershipIndex {

    /** Where a user stands in a group, as far as this gateway knows. */
    public enum Standing { MEMBER, NOT_MEMBER, UNKNOWN }

    private static final String PROFILE_REPLY_PREFIX = "membership-";

    private final Map<String, Entry> users = new HashMap<>();
    private final Map<String, Set<String>> membersByGroup = new HashMap<>();

    /** Whether a reply address is one the index asks profiles under: it names no connection. */
    public static boolean isIndexReply(String replyConnectionId) {
        return replyConnectionId != null && replyConnectionId.startsWith(PROFILE_REPLY_PREFIX);
    }

    /**
     * A connection of this user opened here.
     *
     * @return the reply address to ask the user's profile under, when this is the user's first connection
     */
    public synchronized Optional<String> opened(String userId, String connectionId, Instant now) {
        Entry entry = users.get(userId);
        boolean first = entry == null;
        if (first) {
            entry = new Entry(PROFILE_REPLY_PREFIX + UUID.randomUUID(), now);
            users.put(userId, entry);
        }
        entry.connections.add(connectionId);
        return first ? Optional.of(entry.profileReplyId) : Optional.empty();
    }

    /** A connection closed; with the user's last one here, the gateway forgets the user. */
    public synchronized void closed(String userId, String connectionId) {
        Entry entry = users.get(userId);
        if (entry == null || !entry.connections.remove(connectionId) || !entry.connections.isEmpty()) {
            return;
        }
        users.remove(userId);
        entry.localGroups().forEach(groupId -> removeMember(groupId, userId));
        // waiters are not run: each has its own deadline, and their connections are gone
    }

    /**
     * The user's profile arrived at this gateway. It counts only when it answers a request made for the
     * user's current entry (the index's own, or a connection's of the user here), so that an answer to a
     * request older than the entry can never bring back a membership the entry saw end.
     */
    public void profile(String userId, String replyConnectionId, Collection<String> groupIds) {
        List<Runnable> waiters;
        synchronized (this) {
            Entry entry = users.get(userId);
            if (entry == null || entry.groups != null || !(entry.profileReplyId.equals(replyConnectionId)
                    || entry.connections.contains(replyConnectionId))) {
                return;
            }
            Set<String> groups = new HashSet<>(groupIds);
            entry.seenBeforeProfile.forEach((groupId, member) -> {
                if (member) {
                    groups.add(groupId);
                } else {
                    groups.remove(groupId);
                }
            });
            entry.seenBeforeProfile.clear();
            entry.groups = groups;
            groups.forEach(groupId -> membersByGroup.computeIfAbsent(groupId, id -> new HashSet<>()).add(userId));
            waiters = List.copyOf(entry.waiters);
            entry.waiters.clear();
        }
        waiters.forEach(Runnable::run);
    }

    public synchronized void joined(String userId, String groupId) {
        Entry entry = users.get(userId);
        if (entry == null) {
            return;
        }
        if (entry.groups == null) {
            entry.seenBeforeProfile.put(groupId, true);
        } else {
            entry.groups.add(groupId);
        }
        membersByGroup.computeIfAbsent(groupId, id -> new HashSet<>()).add(userId);
    }

    public synchronized void left(String userId, String groupId) {
        Entry entry = users.get(userId);
        if (entry == null) {
            return;
        }
        if (entry.groups == null) {
            entry.seenBeforeProfile.put(groupId, false);
        } else {
            entry.groups.remove(groupId);
        }
        removeMember(groupId, userId);
    }

    public synchronized void deleted(String groupId) {
        Set<String> members = membersByGroup.remove(groupId);
        if (members != null) {
            members.stream().map(users::get).filter(entry -> entry.groups != null)
                    .forEach(entry -> entry.groups.remove(groupId));
        }
        users.values().stream().filter(entry -> entry.groups == null)
                .forEach(entry -> entry.seenBeforeProfile.put(groupId, false));
    }

    public synchronized Standing standing(String userId, String groupId) {
        Entry entry = users.get(userId);
        if (entry == null || entry.groups == null) {
            return Standing.UNKNOWN;
        }
        return entry.groups.contains(groupId) ? Standing.MEMBER : Standing.NOT_MEMBER;
    }

    /**
     * The group's members connected to this gateway: those whose groups are known, and those whose profile is
     * still on its way but whose joining the group was read meanwhile. The latter matter to a user who joins
     * a group right after connecting: the join can be read before their profile, and typing in the group
     * must reach them from the moment they see {@code USER_JOINED}.
     */
    public synchronized Set<String> localMembers(String groupId) {
        Set<String> members = membersByGroup.get(groupId);
        return members == null ? Set.of() : Set.copyOf(members);
    }

    /**
     * Runs {@code then} once the user's groups are known: at once if they are, else on the thread that
     * delivers the profile. Never runs it if the user's last connection closes first.
     */
    public void whenKnown(String userId, Runnable then) {
        synchronized (this) {
            Entry entry = users.get(userId);
            if (entry == null) {
                return;
            }
            if (entry.groups == null) {
                entry.waiters.add(then);
                return;
            }
        }
        then.run();
    }

    /**
     * The reply address to ask the user's profile under again, when it is still unknown and the last request
     * failed or has gone unanswered for {@code patience}.
     */
    public synchronized Optional<String> askAgain(String userId, Instant now, Duration patience) {
        Entry entry = users.get(userId);
        if (entry == null || entry.groups != null
                || !(entry.askFailed || entry.askedAt.plus(patience).isBefore(now))) {
            return Optional.empty();
        }
        entry.askFailed = false;
        entry.askedAt = now;
        return Optional.of(entry.profileReplyId);
    }

    /** The request for the user's profile could not be written; the next typing request asks again. */
    public synchronized void askFailed(String userId) {
        Entry entry = users.get(userId);
        if (entry != null) {
            entry.askFailed = true;
        }
    }

    private void removeMember(String groupId, String userId) {
        membersByGroup.computeIfPresent(groupId, (id, members) -> {
            members.remove(userId);
            return members.isEmpty() ? null : members;
        });
    }

    private static final class Entry {
        final String profileReplyId;
        final Set<String> connections = new HashSet<>();
        /** {@code null} until the profile arrives. */
        Set<String> groups;
        /** Membership deliveries read while the profile was on its way, last one per group wins. */
        final Map<String, Boolean> seenBeforeProfile = new LinkedHashMap<>();
        final List<Runnable> waiters = new ArrayList<>();
        Instant askedAt;
        boolean askFailed;

        Entry(String profileReplyId, Instant askedAt) {
            this.profileReplyId = profileReplyId;
            this.askedAt = askedAt;
        }

        /** The groups this user is listed under in {@code membersByGroup}. */
        Collection<String> localGroups() {
            if (groups != null) {
                return groups;
            }
            return seenBeforeProfile.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        }
    }
}
