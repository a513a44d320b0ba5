package dev.chorus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpTest {

    private static final long REASK = 1_000;

    @Test
    void shouldAskOnceAfterTheLastDeliveredSeqUntilAnswered() {
        CatchUp catchUp = new CatchUp(50, REASK);
        GroupLog group = new GroupLog(7);
        assertThat(catchUp.next("g", group, 0)).contains("\"afterSeq\":7").contains("\"limit\":50");
        assertThat(catchUp.next("g", group, 1)).isNull();
        assertThat(catchUp.next("g", group, REASK)).as("a page that never came").isNotNull();
    }

    @Test
    void shouldPageUntilNoMoreThenStop() {
        CatchUp catchUp = new CatchUp(50, REASK);
        GroupLog group = new GroupLog(0);
        catchUp.next("g", group, 0);
        catchUp.answered("g", true, group);
        assertThat(catchUp.next("g", group, 1)).isNotNull();
        catchUp.answered("g", false, group);
        assertThat(catchUp.next("g", group, 2)).isNull();
    }

    @Test
    void shouldAskAgainForAGapAndAfterAReconnect() {
        CatchUp catchUp = new CatchUp(50, REASK);
        GroupLog group = new GroupLog(0);
        catchUp.next("g", group, 0);
        catchUp.answered("g", false, group);
        group.offer(GroupLogTest.message(2));
        assertThat(catchUp.next("g", group, 1)).contains("\"afterSeq\":0");
        catchUp.answered("g", false, new GroupLog(0));
        catchUp.connectionLost();
        assertThat(catchUp.next("g", new GroupLog(0), 2)).isNotNull();
    }
}
