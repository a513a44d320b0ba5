package dev.chorus.event;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CloudEventsTest {

    private static final Instant T = Instant.parse("2026-11-24T10:15:30.123Z");

    @Test
    void anEventGetsEveryAttributeOfTheBinaryModeAsOneHeaderEach() {
        Headers headers = CloudEvents.headers(new DomainEvent.GroupDeleted("g-1", "alice", T),
                CloudEvents.id(3, 1042, 0), "cmd-7");

        assertThat(Arrays.stream(headers.toArray()).map(Header::key))
                .containsExactlyInAnyOrderElementsOf(CloudEvents.HEADERS);
        assertThat(CloudEvents.header(headers, CloudEvents.ID)).isEqualTo("commands-3-1042-0");
        assertThat(CloudEvents.header(headers, CloudEvents.TYPE)).isEqualTo("chorus.group.deleted.v1");
        assertThat(CloudEvents.header(headers, CloudEvents.SOURCE)).isEqualTo("/chorus/groups/g-1");
        assertThat(CloudEvents.header(headers, CloudEvents.TIME)).isEqualTo("2026-11-24T10:15:30.123Z");
        assertThat(CloudEvents.header(headers, CloudEvents.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEvents.header(headers, CloudEvents.COMMAND_ID)).isEqualTo("cmd-7");
        assertThat(CloudEvents.header(headers, CloudEvents.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void aGroupIdIsOnePercentEncodedPathSegmentOfTheSource() {
        assertThat(CloudEvents.source("a/b c|é")).isEqualTo("/chorus/groups/a%2Fb%20c%7C%C3%A9");
    }

    @Test
    void aMissingHeaderReadsAsNull() {
        assertThat(CloudEvents.header(new org.apache.kafka.common.header.internals.RecordHeaders(), "ce_id")).isNull();
    }
}
