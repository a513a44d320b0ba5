package dev.chorus.gateway.connection;

import dev.chorus.gateway.connection.MessageAssembly.Progress;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageAssemblyTest {

    private final MessageAssembly assembly = new MessageAssembly(100);

    @Test
    void aMessageInOnePartPassesAsItIs() {
        String whole = "{\"type\":\"USER:REFRESH_PROFILE\"}";

        assertThat(assembly.text(whole, true)).isEqualTo(Progress.COMPLETE);
        assertThat(assembly.take()).isSameAs(whole);
        assertThat(assembly.take()).as("taken once").isNull();
    }

    @Test
    void partsAreJoinedInOrderAndTheNextMessageStartsAfresh() {
        assertThat(assembly.text("{\"type\":", false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(assembly.text("\"USER:", false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(assembly.text("REFRESH_PROFILE\"}", true)).isEqualTo(Progress.COMPLETE);
        assertThat(assembly.take()).isEqualTo("{\"type\":\"USER:REFRESH_PROFILE\"}");

        // 60 + 60 bytes would pass the limit if the first message's bytes were still counted
        assertThat(assembly.text("a".repeat(60), false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(assembly.text("b".repeat(40), true)).isEqualTo(Progress.COMPLETE);
        assertThat(assembly.take()).isEqualTo("a".repeat(60) + "b".repeat(40));
    }

    @Test
    void theLimitIsInUtf8BytesWholeOrInParts() {
        assertThat(new MessageAssembly(100).text("a".repeat(100), true)).isEqualTo(Progress.COMPLETE);
        assertThat(new MessageAssembly(100).text("a".repeat(101), true)).isEqualTo(Progress.TOO_LARGE);
        // 34 chars, 102 bytes: within a count of chars, over the limit in bytes
        assertThat(new MessageAssembly(100).text("\u20ac".repeat(34), true)).isEqualTo(Progress.TOO_LARGE);
        assertThat(new MessageAssembly(100).text("\u20ac".repeat(33), true)).isEqualTo(Progress.COMPLETE);

        MessageAssembly inParts = new MessageAssembly(100);
        assertThat(inParts.text("\u20ac".repeat(20), false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(inParts.text("\u20ac".repeat(14), true)).isEqualTo(Progress.TOO_LARGE);
    }

    @Test
    void afterTooLargeEverythingIsIgnoredAsTheConnectionCloses() {
        assertThat(assembly.text("a".repeat(80), false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(assembly.text("a".repeat(80), false)).isEqualTo(Progress.TOO_LARGE);
        assertThat(assembly.text("a", true)).isEqualTo(Progress.TOO_LARGE);
        assertThat(assembly.binary(1, true)).isEqualTo(Progress.TOO_LARGE);
        assertThat(assembly.take()).isNull();
    }

    @Test
    void binaryMessagesAreCountedToTheirEndOrToTheLimit() {
        assertThat(assembly.binary(60, false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(assembly.binary(40, true)).isEqualTo(Progress.COMPLETE);
        assertThat(assembly.binary(100, true)).as("counted afresh").isEqualTo(Progress.COMPLETE);
        assertThat(assembly.binary(60, false)).isEqualTo(Progress.INCOMPLETE);
        assertThat(assembly.binary(41, false)).isEqualTo(Progress.TOO_LARGE);
    }

    @Test
    void utf8LengthAgreesWithTheEncoderEvenWithASurrogatePairSplitInTwo() {
        String mixed = "a\u00e9\u20ac\uD83D\uDE00z"; // 1 + 2 + 3 + 4 + 1 bytes
        assertThat(MessageAssembly.utf8Length(mixed)).isEqualTo(mixed.getBytes(StandardCharsets.UTF_8).length);

        String emoji = "\uD83D\uDE00";
        assertThat(MessageAssembly.utf8Length(emoji.substring(0, 1)) + MessageAssembly.utf8Length(emoji.substring(1)))
                .isEqualTo(4);
    }
}
