package dev.chorus.processor;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadReplacementsTest {

    @Test
    void shouldReplaceDeadThreadsUpToTheBudgetThenStop() {
        ThreadReplacements replacements = new ThreadReplacements(2);
        RuntimeException death = new RuntimeException("broker gone");

        assertThat(replacements.handle(death)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(replacements.handle(death)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(replacements.handle(death)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
