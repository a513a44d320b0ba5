package dev.chorus.gateway.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RangeRequestTest {

    private static final long SIZE = 1_000;

    @Test
    void aClosedRangeIsServedAsAsked() {
        assertThat(RangeRequest.parse("bytes=0-99", SIZE)).isEqualTo(new RangeRequest.Part(0, 99));
        assertThat(RangeRequest.parse("bytes=500-500", SIZE)).isEqualTo(new RangeRequest.Part(500, 500));
    }

    @Test
    void aRangePastTheEndIsCutAtTheEnd() {
        assertThat(RangeRequest.parse("bytes=900-5000", SIZE)).isEqualTo(new RangeRequest.Part(900, 999));
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertThat(RangeRequest.parse("bytes=990-", SIZE)).isEqualTo(new RangeRequest.Part(990, 999));
        assertThat(RangeRequest.parse("bytes=0-", SIZE)).isEqualTo(new RangeRequest.Part(0, 999));
    }

    @Test
    void aSuffixIsTheLastBytesOrAllOfThem() {
        assertThat(RangeRequest.parse("bytes=-10", SIZE)).isEqualTo(new RangeRequest.Part(990, 999));
        assertThat(RangeRequest.parse("bytes=-5000", SIZE)).isEqualTo(new RangeRequest.Part(0, 999));
    }

    @Test
    void unitAndSpacingAreReadLeniently() {
        assertThat(RangeRequest.parse("Bytes= 10 - 19 ", SIZE)).isEqualTo(new RangeRequest.Part(10, 19));
    }

    @Test
    void aRangeStartingAtOrPastTheEndCannotBeSatisfied() {
        assertThat(RangeRequest.parse("bytes=1000-", SIZE)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=1000-2000", SIZE)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.parse("bytes=-0", SIZE)).isInstanceOf(RangeRequest.Unsatisfiable.class);
        assertThat(RangeRequest.Unsatisfiable.contentRange(SIZE)).isEqualTo("bytes */1000");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "items=0-9", "bytes=", "bytes=-", "bytes=9-0", "bytes=a-9", "bytes=0-9,20-29",
            "bytes=+1-2", "bytes=1-2-3", "bytes=0x10-", "bytes=99999999999999999999-", "bytes=5"})
    void anythingElseAsksForTheWholeFile(String header) {
        assertThat(RangeRequest.parse(header, SIZE)).isInstanceOf(RangeRequest.Whole.class);
    }

    @Test
    void aPartNamesItsBytesInContentRange() {
        RangeRequest.Part part = new RangeRequest.Part(10, 19);

        assertThat(part.length()).isEqualTo(10);
        assertThat(part.contentRange(SIZE)).isEqualTo("bytes 10-19/1000");
    }
}
