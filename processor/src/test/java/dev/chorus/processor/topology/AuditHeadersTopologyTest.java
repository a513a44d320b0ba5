package dev.chorus.processor.topology;

import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.event.CloudEvents;
import dev.chorus.event.DomainEvent;
import dev.chorus.event.EventTypes;
import dev.chorus.processor.testing.Commands;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record on chorus.events is a CloudEvent in the Kafka binding's binary mode. */
class AuditHeadersTopologyTest {

    /** RFC 3339's date-time, in UTC as Chorus writes it. */
    private static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z";

    private ChorusDriver chorus;
    private final Commands commands = new Commands();

    @BeforeEach
    void startDriver() {
        chorus = new ChorusDriver();
    }

    @AfterEach
    void closeDriver() {
        chorus.close();
    }

    @Test
    void shouldGiveEveryEventRecordEveryCloudEventsAttributeWithAValidValue() {
        List<Command> run = EveryEvent.commands();
        Map<String, Command> byId = run.stream().collect(Collectors.toMap(Command::commandId, Function.identity()));

        run.forEach(chorus::send);

        List<TestRecord<String, DomainEvent>> events = chorus.eventRecords();
        assertThat(events).extracting(record -> EventTypes.of(record.value()))
                .containsAll(EventTypes.all());
        assertThat(events).allSatisfy(record -> {
            DomainEvent event = record.value();
            assertThat(Arrays.stream(record.headers().toArray()).map(Header::key))
                    .containsExactlyInAnyOrderElementsOf(CloudEvents.HEADERS);
            assertThat(header(record, CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEvents.TYPE)).isEqualTo(EventTypes.of(event));
            assertThat(header(record, CloudEvents.SOURCE)).isEqualTo("/chorus/groups/" + record.key());
            assertThat(header(record, CloudEvents.TIME)).matches(RFC_3339_UTC);
            assertThat(OffsetDateTime.parse(header(record, CloudEvents.TIME)).toInstant())
                    .isEqualTo(event.occurredAt());
            assertThat(header(record, CloudEvents.ID)).matches("commands-\\d+-\\d+-\\d+");
            assertThat(header(record, CloudEvents.CONTENT_TYPE)).isEqualTo("application/json");
            Command cause = byId.get(header(record, CloudEvents.COMMAND_ID));
            assertThat(cause).as("the command named by ce_commandid").isNotNull();
            assertThat(cause.issuedAt()).isEqualTo(event.occurredAt());
        });
        assertThat(events).extracting(record -> header(record, CloudEvents.ID)).doesNotHaveDuplicates();
    }

    @Test
    void shouldNameEachEventOfACommandByTheCommandsPositionAndTheEventsPlace() {
        chorus.send(commands.by("bob", new CommandBody.CreateGroup("g-0", "Warm-up", null)));
        chorus.drain();

        chorus.send(commands.by("alice", new CommandBody.CreateGroup("g-1", "Hikers", null)));

        // the second record piped to partition 0 of chorus.commands is at offset 1
        assertThat(chorus.eventRecords()).extracting(record -> header(record, CloudEvents.ID))
                .containsExactly("commands-0-1-0", "commands-0-1-1");
    }

    /** What makes a command decided again after an aborted transaction write the ids it wrote before. */
    @Test
    void shouldGiveTheSameIdsWhenTheSameLogIsDecidedAgain() {
        EveryEvent.commands().forEach(chorus::send);
        List<String> first = chorus.eventRecords().stream().map(record -> header(record, CloudEvents.ID)).toList();

        List<String> again;
        try (ChorusDriver second = new ChorusDriver()) {
            EveryEvent.commands().forEach(second::send);
            again = second.eventRecords().stream().map(record -> header(record, CloudEvents.ID)).toList();
        }

        assertThat(again).isNotEmpty().isEqualTo(first);
    }

    @Test
    void shouldNotCopyTheCommandsOwnHeadersOntoItsEvents() {
        var traced = new RecordHeaders().add("traceparent",
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes(StandardCharsets.UTF_8));

        chorus.send(commands.by("alice", new CommandBody.CreateGroup("g-1", "Hikers", null)), traced);

        assertThat(chorus.eventRecords()).hasSize(2).allSatisfy(record ->
                assertThat(record.headers().lastHeader("traceparent")).isNull());
    }

    private static String header(TestRecord<String, DomainEvent> record, String name) {
        return CloudEvents.header(record.headers(), name);
    }
}
