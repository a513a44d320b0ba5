package dev.chorus.analytics.topology;

/**
 * Told of every closed window as it is written to its topic, on the stream thread that closed it; the
 * metrics listen here. Under exactly_once_v2 a window may be told again after a task failed over before
 * its commit, so listeners keep the latest value rather than adding up.
 */
public interface ClosedWindows {

    ClosedWindows NONE = new ClosedWindows() {
        @Override
        public void messagesPerMinute(MessagesPerMinute window) {
        }

        @Override
        public void activeUsersPerHour(ActiveUsersPerHour window) {
        }
    };

    void messagesPerMinute(MessagesPerMinute window);

    void activeUsersPerHour(ActiveUsersPerHour window);
}
