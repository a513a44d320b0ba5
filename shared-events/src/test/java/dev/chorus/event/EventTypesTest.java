package dev.chorus.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypesTest {

    @Test
    void everyEventClassHasADistinctVersionedTypeName() {
        assertThat(EventTypes.all()).doesNotHaveDuplicates()
                .allSatisfy(type -> assertThat(type).matches("chorus\\.[a-z-]+\\.[a-z-]+\\.v[0-9]+"));
    }

    /** A permitted class missing from @JsonSubTypes could be written but never read back. */
    @Test
    void everyEventClassIsARegisteredSubtype() {
        var registered = Arrays.stream(DomainEvent.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).toList();

        assertThat(registered).containsExactlyInAnyOrderElementsOf(EventTypes.classes());
    }

    @Test
    void theTypeOfAnEventIsTheNameItIsWrittenWith() {
        var event = new DomainEvent.MemberLeft("g1", "bob", java.time.Instant.EPOCH);

        assertThat(EventTypes.of(event)).isEqualTo("chorus.member.left.v1");
    }
}
