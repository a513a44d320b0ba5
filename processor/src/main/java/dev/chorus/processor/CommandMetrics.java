package dev.chorus.processor;

import dev.chorus.processor.topology.TopologyObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processor's own meters; Kafka Streams' (lag among them) are bound beside them by {@link ProcessorRuntime}.
 * Tags come from closed sets: command and event type names, and error codes.
 *
 * <ul>
 *   <li>{@code chorus.commands.processed{type,outcome}}: commands decided, {@code outcome} {@code ACCEPTED} or
 *       the refusal's code;</li>
 *   <li>{@code chorus.events.written{type}}: domain events written to {@code chorus.events};</li>
 *   <li>{@code chorus.commits.asked}: commits asked for at once because a command found its stream thread
 *       idle (PromptCommits); under load it stays still, as the commit interval's timer does the work.</li>
 * </ul>
 */
final class CommandMetrics implements TopologyObserver {

    static final String COMMANDS_PROCESSED = "chorus.commands.processed";
    static final String EVENTS_WRITTEN = "chorus.events.written";
    static final String COMMITS_ASKED = "chorus.commits.asked";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter commitsAsked;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commitsAsked = Counter.builder(COMMITS_ASKED)
                .description("commits asked for at once because a command found its stream thread idle")
                .register(registry);
    }

    @Override
    public void commandProcessed(String commandType, String outcome) {
        counters.computeIfAbsent(COMMANDS_PROCESSED + '/' + commandType + '/' + outcome,
                key -> Counter.builder(COMMANDS_PROCESSED)
                        .description("commands decided by the processor (attempts: a crash may count one twice)")
                        .tag("type", commandType)
                        .tag("outcome", outcome)
                        .register(registry)).increment();
    }

    @Override
    public void eventWritten(String eventType) {
        counters.computeIfAbsent(EVENTS_WRITTEN + '/' + eventType, key -> Counter.builder(EVENTS_WRITTEN)
                .description("domain events written to chorus.events (attempts, as for commands)")
                .tag("type", eventType)
                .register(registry)).increment();
    }

    @Override
    public void commitAsked() {
        commitsAsked.increment();
    }
}
