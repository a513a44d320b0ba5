package dev.chorus.processor.group;

import dev.chorus.command.CommandBody;
import dev.chorus.delivery.Delivery;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.ErrorCode;
import dev.chorus.protocol.Message;
import dev.chorus.protocol.Role;
import dev.chorus.protocol.ServerEventType;
import dev.chorus.protocol.ServerPayload;
import dev.chorus.topic.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chorus.processor.group.Given.GROUP;
import static dev.chorus.processor.testing.Commands.member;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading a group's history back: given events, when a query, then the answer to the asking connection. */
class ReadHistoryTest {

    private final GroupFixture fixture = new GroupFixture();
    private final Commands commands = new Commands();

    private static <T> T answer(GroupFixture.Then then, ServerEventType type, Class<T> payload) {
        assertThat(then.decision().deliveries()).hasSize(1);
        Delivery delivery = then.decision().deliveries().get(0);
        assertThat(delivery.audience()).isEqualTo(Commands.connectionOf(then.command().actor().userId()));
        assertThat(delivery.frame().type()).isEqualTo(type.wireName());
        return Json.mapper().treeToValue(delivery.frame().data(), payload);
    }

    private static List<Long> seqs(List<Message> messages) {
        return messages.stream().map(Message::seq).toList();
    }

    @Nested
    class GetMessages {

        private ServerPayload.InitMessages page(Integer limit, Long beforeSeq, Long afterSeq) {
            GroupFixture.Then then = fixture.given(Given.group("alice", "bob")).given(Given.history(120, "alice"))
                    .when(commands.by("bob", new CommandBody.GetMessages(GROUP, limit, beforeSeq, afterSeq)))
                    .expectNoEvents();
            return answer(then, ServerEventType.RETURN_INIT_MESSAGES, ServerPayload.InitMessages.class);
        }

        @Test
        void withoutACursorAnswersTheLatestDefaultPageOldestFirst() {
            ServerPayload.InitMessages page = page(null, null, null);

            assertThat(page.groupId()).isEqualTo(GROUP);
            assertThat(seqs(page.messages())).first().isEqualTo(71L);
            assertThat(seqs(page.messages())).hasSize(50).isSorted().last().isEqualTo(120L);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void beforeSeqAnswersThePageJustBeforeIt() {
            ServerPayload.InitMessages page = page(10, 71L, null);

            assertThat(seqs(page.messages())).containsExactly(61L, 62L, 63L, 64L, 65L, 66L, 67L, 68L, 69L, 70L);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void beforeSeqNearTheStartSaysThereIsNothingOlder() {
            ServerPayload.InitMessages page = page(10, 4L, null);

            assertThat(seqs(page.messages())).containsExactly(1L, 2L, 3L);
            assertThat(page.hasMore()).isFalse();
        }

        @Test
        void afterSeqAnswersTheFirstMessagesAfterIt() {
            ServerPayload.InitMessages page = page(5, null, 100L);

            assertThat(seqs(page.messages())).containsExactly(101L, 102L, 103L, 104L, 105L);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void afterSeqCatchingUpToTheEndSaysThereIsNothingNewer() {
            ServerPayload.InitMessages page = page(50, null, 100L);

            assertThat(seqs(page.messages())).hasSize(20).last().isEqualTo(120L);
            assertThat(page.hasMore()).isFalse();
        }

        @Test
        void bothCursorsAreABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", new CommandBody.GetMessages(GROUP, null, 5L, 1L)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void aLimitOutOfRangeIsABadRequest() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("alice", new CommandBody.GetMessages(GROUP, 201, null, null)))
                    .expectRejected(ErrorCode.BAD_REQUEST);
        }

        @Test
        void anOutsiderIsNotAMember() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("mallory", new CommandBody.GetMessages(GROUP, null, null, null)))
                    .expectRejected(ErrorCode.NOT_MEMBER);
        }

        @Test
        void anUnknownGroupIsNotFound() {
            fixture.when(commands.by("alice", new CommandBody.GetMessages(GROUP, null, null, null)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class GetInitData {

        @Test
        void answersTheGroupItsMembersAndTheLatestFiftyMessages() {
            GroupFixture.Then then = fixture.given(Given.group("alice", "bob")).given(Given.history(51, "alice"))
                    .when(commands.by("bob", new CommandBody.GetInitData(GROUP)))
                    .expectNoEvents();

            ServerPayload.InitData data = answer(then, ServerEventType.RETURN_INIT_DATA, ServerPayload.InitData.class);
            assertThat(data.group().id()).isEqualTo(GROUP);
            assertThat(data.group().memberCount()).isEqualTo(2);
            assertThat(data.members()).containsExactly(
                    member("alice", Role.OWNER, Given.at(0)), member("bob", Role.MEMBER, Given.at(1)));
            assertThat(seqs(data.messages())).hasSize(50).isSorted().first().isEqualTo(2L);
            assertThat(data.hasMore()).isTrue();
        }

        @Test
        void aShortHistoryHasNoMore() {
            GroupFixture.Then then = fixture.given(Given.group("alice")).given(Given.history(3, "alice"))
                    .when(commands.by("alice", new CommandBody.GetInitData(GROUP)));

            ServerPayload.InitData data = answer(then, ServerEventType.RETURN_INIT_DATA, ServerPayload.InitData.class);
            assertThat(seqs(data.messages())).containsExactly(1L, 2L, 3L);
            assertThat(data.hasMore()).isFalse();
        }

        @Test
        void anOutsiderIsNotAMember() {
            fixture.given(Given.group("alice"))
                    .when(commands.by("mallory", new CommandBody.GetInitData(GROUP)))
                    .expectRejected(ErrorCode.NOT_MEMBER);
        }

        @Test
        void aDeletedGroupIsNotFound() {
            fixture.given(Given.group("alice")).given(Given.deleted("alice"))
                    .when(commands.by("alice", new CommandBody.GetInitData(GROUP)))
                    .expectRejected(ErrorCode.NOT_FOUND);
        }
    }
}
