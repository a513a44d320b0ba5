package dev.chorus.protocol;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTest {

    @Test
    void groupNamesMustBeNonBlankAndAtMostOneHundredCharacters() {
        assertThat(Rules.groupName("Friends")).isEmpty();
        assertThat(Rules.groupName("x".repeat(100))).isEmpty();
        assertThat(Rules.groupName("x".repeat(101))).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
        assertThat(Rules.groupName("   ")).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
        assertThat(Rules.groupName(null)).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
    }

    @Test
    void descriptionsAreOptionalAndAtMostOneThousandCharacters() {
        assertThat(Rules.description(null)).isEmpty();
        assertThat(Rules.description("d".repeat(1000))).isEmpty();
        assertThat(Rules.description("d".repeat(1001))).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
    }

    @Test
    void textIsCountedInCodePointsAndTooLongTextIsTooLarge() {
        String emoji = "😀";
        assertThat(Rules.text(emoji.repeat(4000), 4000)).isEmpty();
        assertThat(Rules.text("a".repeat(4001), 4000)).map(Problem::code).contains(ErrorCode.TOO_LARGE);
        assertThat(Rules.text(" \n\t", 4000)).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
    }

    @Test
    void aLoneSurrogateIsRefusedInEveryStringAPersonOrClientChooses() {
        String lone = "a\uD800b";
        assertThat(Rules.wellFormed("\uD83D\uDE00 ok")).isTrue();
        assertThat(Rules.wellFormed(lone)).isFalse();
        assertThat(Rules.wellFormed("\uDE00\uD83D")).as("a pair in the wrong order").isFalse();
        assertThat(Rules.wellFormed("\uD83D")).isFalse();
        assertThat(Rules.groupName(lone)).map(Problem::message).hasValueSatisfying(m -> assertThat(m).contains("Unicode"));
        assertThat(Rules.description(lone)).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
        assertThat(Rules.id("groupId", lone)).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
        assertThat(Rules.text(lone, 4000)).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
        assertThat(Rules.caption(lone, 4000)).map(Problem::code).contains(ErrorCode.BAD_REQUEST);
    }

    @Test
    void pagesTakeALimitFromOneToTwoHundredAndOneCursor() {
        assertThat(Rules.page(null, null, null)).isEmpty();
        assertThat(Rules.page(1, 5L, null)).isEmpty();
        assertThat(Rules.page(200, null, 0L)).isEmpty();
        assertThat(Rules.page(0, null, null)).isPresent();
        assertThat(Rules.page(201, null, null)).isPresent();
        assertThat(Rules.page(10, 5L, 1L)).isPresent();
        assertThat(Rules.page(10, 0L, null)).isPresent();
        assertThat(Rules.page(10, null, -1L)).isPresent();
    }

    @Test
    void idsAreNonBlankAndShort() {
        assertThat(Rules.id("groupId", "g1")).isEmpty();
        assertThat(Rules.id("groupId", "")).isPresent();
        assertThat(Rules.id("groupId", "g".repeat(129))).isPresent();
        assertThat(Rules.optionalId("clientMessageId", null)).isEmpty();
    }

    @Test
    void everyWireNameIsKnownBothWays() {
        for (ClientEventType type : ClientEventType.values()) {
            assertThat(ClientEventType.fromWireName(type.wireName())).contains(type);
        }
        assertThat(ClientEventType.fromWireName("CHAT:NOPE")).isEmpty();
    }
}
