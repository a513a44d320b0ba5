package dev.chorus.bench.load;

/**
 * A chat system under test, as the load generator sees it: users in groups (rooms), each able to send a
 * text to its group and to receive every text of its group, its own included.
 */
public interface ChatTarget extends AutoCloseable {

    /** Short name for reports ("chorus", "socket.io"). */
    String name();

    /**
     * Connects {@code groups * members} users, member {@code m} of group {@code g} being user
     * {@code g * members + m}, spread over the system's nodes, and puts each in its group. Returns once
     * every user is connected and in its group; from then on {@code listener} gets every delivery.
     */
    void connect(int groups, int members, Delivery listener) throws Exception;

    /** Sends {@code text} from member {@code member} of group {@code group}; must not block the caller. */
    void send(int group, int member, String text);

    /** Called on whatever thread the target receives on; must be cheap and thread-safe. */
    @FunctionalInterface
    interface Delivery {
        void delivered(int group, int member, String text, long receivedNanos);
    }
}
