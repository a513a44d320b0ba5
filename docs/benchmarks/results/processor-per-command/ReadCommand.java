import dev.chorus.command.Actor;
import dev.chorus.command.Command;
import dev.chorus.command.CommandBody;
import dev.chorus.command.ReplyTo;
import dev.chorus.protocol.MessageKind;
import dev.chorus.topic.Json;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Reads one "post a message" command 300,000 times a round, six rounds, with Json.mapper() and with the same
 * configuration but for RecordCreators ("Jackson alone"); prints the time and the bytes allocated per read.
 * A single hot loop: it shows what the creator call costs, not what a busy processor pays for it.
 */
public class ReadCommand {

    /** As Json.mapper() reads times (its IsoInstants is not public). */
    static final class Instants extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext ctxt) {
            return Json.instant(parser.getString());
        }
    }

    public static void main(String[] args) throws Exception {
        JsonMapper jacksonAlone = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addModule(new SimpleModule("chorus-instants").addDeserializer(Instant.class, new Instants()))
                .build();
        Command command = new Command("c-7f3a9b12-1111-2222-3333-444455556666", new Actor("user-123", "User 123", null),
                new ReplyTo("gateway-1", "conn-42"), Instant.parse("2026-12-07T05:20:11.123456Z"),
                new CommandBody.PostMessage("group-77", MessageKind.TEXT,
                        "hello there, this is a benchmark message of some length", null, "cm-99887766"));
        byte[] bytes = Json.mapper().writeValueAsBytes(command);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String which : new String[] {"jackson alone", "Json.mapper()", "jackson alone", "Json.mapper()"}) {
            JsonMapper mapper = which.equals("jackson alone") ? jacksonAlone : Json.mapper();
            for (int round = 0; round < 6; round++) {
                int reads = 300_000;
                long bytesBefore = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                for (int i = 0; i < reads; i++) {
                    if (!mapper.readValue(bytes, Command.class).equals(command)) {
                        throw new AssertionError("read back something else");
                    }
                }
                long nanos = System.nanoTime() - start;
                long allocated = threads.getCurrentThreadAllocatedBytes() - bytesBefore;
                System.out.printf("%-14s round %d: %.2f us and %d bytes a read%n", which, round,
                        nanos / 1e3 / reads, allocated / reads);
            }
        }
    }
}
