package dev.chorus.gateway.kafka;

import dev.chorus.command.Actor;
import dev.chorus.command.CommandBody;
import dev.chorus.protocol.ClientRequest;
import dev.chorus.protocol.MessageKind;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CommandBodiesTest {

    private static final Actor ALICE = new Actor("alice", "Alice", null);

    @Test
    void eachServedRequestBecomesItsCommand() {
        assertThat(CommandBodies.of(new ClientRequest.GetAllGroups())).isEqualTo(new CommandBody.ListGroups());
        assertThat(CommandBodies.of(new ClientRequest.DeleteGroup("g1"))).isEqualTo(new CommandBody.DeleteGroup("g1"));
        assertThat(CommandBodies.of(new ClientRequest.JoinGroup("g1"))).isEqualTo(new CommandBody.JoinGroup("g1"));
        assertThat(CommandBodies.of(new ClientRequest.LeaveGroup("g1"))).isEqualTo(new CommandBody.LeaveGroup("g1"));
        assertThat(CommandBodies.of(new ClientRequest.GetInitData("g1"))).isEqualTo(new CommandBody.GetInitData("g1"));
        assertThat(CommandBodies.of(new ClientRequest.GetInitMessages("g1", 10, null, 4L)))
                .isEqualTo(new CommandBody.GetMessages("g1", 10, null, 4L));
        assertThat(CommandBodies.of(new ClientRequest.SendMessageText("g1", "hi", null)))
                .isEqualTo(new CommandBody.PostMessage("g1", MessageKind.TEXT, "hi", null, null));
        assertThat(CommandBodies.of(new ClientRequest.RefreshProfile())).isEqualTo(new CommandBody.GetProfile());
    }

    @Test
    void theGatewayNamesANewGroupAndKeysTheCommandByIt() {
        CommandBody first = CommandBodies.of(new ClientRequest.AddGroup("Friends", "weekend"));
        CommandBody second = CommandBodies.of(new ClientRequest.AddGroup("Friends", "weekend"));

        CommandBody.CreateGroup create = (CommandBody.CreateGroup) first;
        assertThat(UUID.fromString(create.groupId())).isNotNull();
        assertThat(create.name()).isEqualTo("Friends");
        assertThat(create.description()).isEqualTo("weekend");
        assertThat(create.key(ALICE)).isEqualTo(create.groupId());
        assertThat(((CommandBody.CreateGroup) second).groupId()).isNotEqualTo(create.groupId());
    }

    @Test
    void userScopedCommandsAreKeyedByTheActor() {
        assertThat(CommandBodies.of(new ClientRequest.RefreshProfile()).key(ALICE)).isEqualTo("alice");
        assertThat(CommandBodies.of(new ClientRequest.GetAllGroups()).key(ALICE)).isEqualTo("alice");
    }
}
