package dev.chorus.processor.topology;

/**
 * What the topology reports as it works, for the processor's metrics. It sees outcomes, never takes part in
 * them; tests leave it out. Under exactly-once a task that fails before its commit processes its commands
 * again, so these count attempts: a crash can count a command twice, never write it twice.
 */
public interface TopologyObserver {

    TopologyObserver NONE = new TopologyObserver() {
    };

    /**
     * @param commandType the command's stable type name, e.g. {@code message.post.v1}
     * @param outcome     {@code ACCEPTED}, or the code of the refusal (e.g. {@code NOT_MEMBER})
     */
    default void commandProcessed(String commandType, String outcome) {
    }

    /** @param eventType the event's stable type name, e.g. {@code chorus.message.posted.v1} */
    default void eventWritten(String eventType) {
    }

    /** A command found its stream thread idle and asked for a commit at once ({@link PromptCommits}). */
    default void commitAsked() {
    }
}
