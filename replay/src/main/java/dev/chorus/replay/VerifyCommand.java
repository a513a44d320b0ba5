package dev.chorus.replay;

import dev.chorus.topic.Topics;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verify}: the state rebuilt from the whole of {@code chorus.events} must equal the processor's live
 * state, table by table, key by key.
 *
 * <p>Both are read up to one consistent cut: the end offsets of every topic involved, taken before reading
 * and found unchanged after it. The processor writes events and store changelogs in one transaction, so at
 * such a cut they agree unless something is wrong. Its users' store is one commit behind (it is fed through
 * a repartition topic), and a busy processor keeps moving the cut: differences get {@code --timeout} to
 * settle before they count. Verify a quiet system for a clean answer.
 */
final class VerifyCommand {

    private static final Duration RETRY_EVERY = Duration.ofSeconds(1);

    private final Arguments arguments;
    private final Progress progress;

    VerifyCommand(Arguments arguments, Progress progress) {
        this.arguments = arguments;
        this.progress = progress;
    }

    int run(PrintStream out, PrintStream err) {
        long deadline = System.nanoTime() + arguments.timeout().toNanos();
        LiveState live = new LiveState(arguments.applicationId());
        try (LogReader reader = new LogReader(arguments.bootstrapServers(), progress)) {
            List<TopicPartition> events = reader.partitions(Topics.EVENTS.name());
            List<TopicPartition> all = new ArrayList<>(events);
            all.addAll(live.partitions(reader));
            while (true) {
                Map<TopicPartition, Long> cut = reader.ends(all);
                ReplayedState rebuilt = new ReplayedState();
                EventLog log = new EventLog(reader);
                log.read(new EventLog.Range(reader.beginnings(events), only(cut, events), Optional.empty()), Optional.empty(),
                        event -> RebuildCommand.apply(rebuilt, event));
                LiveState.Tables tables = live.read(reader, cut);
                boolean consistent = reader.ends(all).equals(cut);
                List<StateDiff.Difference> differences = consistent ? StateDiff.between(rebuilt, tables) : List.of();
                if (consistent && differences.isEmpty()) {
                    out.println("verify: the live state equals the state rebuilt from " + Topics.EVENTS.name() + " ("
                            + count(rebuilt.events(), "event") + "): " + count(rebuilt.groups().size(), "group")
                            + " (" + rebuilt.directory().size() + " live), " + count(rebuilt.messages().size(), "message")
                            + ", " + count(rebuilt.users().size(), "user") + " in groups");
                    return ReplayCli.OK;
                }
                if (System.nanoTime() > deadline) {
                    if (!consistent) {
                        err.println("verify: the log kept moving for " + arguments.timeout().toSeconds()
                                + " s; verify a quiet system");
                        return ReplayCli.FAILED;
                    }
                    out.println("verify: " + count(differences) + " between the state rebuilt from "
                            + Topics.EVENTS.name() + " (" + count(rebuilt.events(), "event") + ") and the live state:");
                    differences.forEach(difference -> out.println("  " + difference));
                    return ReplayCli.FAILED;
                }
                err.println(consistent ? "verify: " + count(differences) + "; waiting for them to settle"
                        : "verify: the log moved while it was read; reading again");
                sleep();
            }
        }
    }

    private static String count(List<StateDiff.Difference> differences) {
        return count(differences.size(), "difference");
    }

    private static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    private static Map<TopicPartition, Long> only(Map<TopicPartition, Long> offsets, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> subset = new HashMap<>();
        partitions.forEach(partition -> subset.put(partition, offsets.get(partition)));
        return subset;
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
