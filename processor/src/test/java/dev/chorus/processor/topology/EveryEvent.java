package dev.chorus.processor.topology;

import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.processor.testing.Commands;
import dev.chorus.protocol.Media;
import dev.chorus.protocol.MessageKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of commands of every kind, accepted and refused, that makes the processor write every type of
 * event, with the optional fields of each both empty and set: the input of the audit log's tests.
 */
final class EveryEvent {

    static final String GROUP = "g-1";
    static final String OTHER_GROUP = "g-2";

    private EveryEvent() {
    }

    static List<Command> commands() {
        Commands commands = new Commands();
        List<Command> run = new ArrayList<>();
        Command byAlice = commands.by("alice", new CommandBody.CreateGroup(GROUP, "Hikers", "Up the hill"));
        // alice's token carries a picture, the others' do not
        run.add(new Command(byAlice.commandId(), new Actor("alice", "Alice", "https://img.example/alice.png"),
                byAlice.replyTo(), byAlice.issuedAt(), byAlice.body()));
        run.add(commands.by("bob", new CommandBody.CreateGroup(OTHER_GROUP, "Quiet", null)));
        run.add(commands.by("bob", new CommandBody.JoinGroup(GROUP)));
        run.add(commands.by("carol", new CommandBody.JoinGroup(GROUP)));
        run.add(commands.by("bob", post(MessageKind.TEXT, "hello", null, "c-1")));
        run.add(commands.by("carol", post(MessageKind.TEXT, "no client id", null, null)));
        run.add(commands.by("alice", post(MessageKind.IMAGE, "look",
                new Media("https://media.example/a.png", "image/png", 2048L, 640, 480, null), "c-2")));
        run.add(commands.by("bob", post(MessageKind.AUDIO, null,
                new Media("https://media.example/v.ogg", "audio/ogg", null, null, null, 5200L), null)));
        run.add(commands.by("carol", post(MessageKind.GIF, null,
                new Media("https://gifs.example/wave.gif", "image/gif", null, null, null, null), "c-3")));
        run.add(commands.by("bob", post(MessageKind.TEXT, "hello", null, "c-1")));
        run.add(commands.by("bob", new CommandBody.JoinGroup(GROUP)));
        run.add(commands.by("dave", new CommandBody.JoinGroup("no-such-group")));
        run.add(commands.by("dave", post(MessageKind.TEXT, "let me in", null, null)));
        run.add(commands.by("carol", new CommandBody.ListGroups()));
        run.add(commands.by("carol", new CommandBody.GetInitData(GROUP)));
        run.add(commands.by("carol", new CommandBody.GetMessages(GROUP, 2, null, 1L)));
        run.add(commands.by("carol", new CommandBody.GetProfile()));
        run.add(commands.by("alice", new CommandBody.LeaveGroup(GROUP)));
        run.add(commands.by("carol", new CommandBody.LeaveGroup(GROUP)));
        run.add(commands.by("carol", new CommandBody.DeleteGroup(GROUP)));
        run.add(commands.by("bob", new CommandBody.DeleteGroup(GROUP)));
        return run;
    }

    private static CommandBody.PostMessage post(MessageKind kind, String text, Media media, String clientMessageId) {
        return new CommandBody.PostMessage(GROUP, kind, text, media, clientMessageId);
    }
}
