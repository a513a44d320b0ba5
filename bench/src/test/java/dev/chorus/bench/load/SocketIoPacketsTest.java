package dev.chorus.bench.load;

import dev.chorus.bench.load.SocketIoPackets.Packet;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Engine.IO v4 / Socket.IO v5 frames, as the reference server sends and expects them. */
class SocketIoPacketsTest {

    @Test
    void parsesTheEngineIoOpenPacket() {
        Packet open = SocketIoPackets.parse(
                "0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,"
                        + "\"maxPayload\":1000000}");
        assertThat(open.engineType()).isEqualTo(SocketIoPackets.OPEN);
        assertThat(open.socketType()).isEqualTo(-1);
        assertThat(open.data().get("sid").asString()).isEqualTo("lv_VI97HAXpY6yYWAAAC");
        assertThat(open.data().get("pingInterval").asInt()).isEqualTo(25000);
    }

    @Test
    void parsesPingAndClose() {
        assertThat(SocketIoPackets.parse("2").engineType()).isEqualTo(SocketIoPackets.PING);
        assertThat(SocketIoPackets.parse("1").engineType()).isEqualTo(SocketIoPackets.CLOSE);
        assertThat(SocketIoPackets.parse("2").data().isNull()).isTrue();
    }

    @Test
    void parsesTheNamespaceConnectAndItsError() {
        Packet connect = SocketIoPackets.parse("40{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
        assertThat(connect.engineType()).isEqualTo(SocketIoPackets.MESSAGE);
        assertThat(connect.socketType()).isEqualTo(SocketIoPackets.CONNECT);
        assertThat(connect.namespace()).isEqualTo("/");
        assertThat(connect.ackId()).isEqualTo(-1);
        assertThat(connect.data().get("sid").asString()).isEqualTo("wZX3oN0bSVIhsaknAAAI");

        Packet refused = SocketIoPackets.parse("44/admin,{\"message\":\"Not authorized\"}");
        assertThat(refused.socketType()).isEqualTo(SocketIoPackets.CONNECT_ERROR);
        assertThat(refused.namespace()).isEqualTo("/admin");
        assertThat(refused.data().get("message").asString()).isEqualTo("Not authorized");

        Packet bare = SocketIoPackets.parse("40");
        assertThat(bare.socketType()).isEqualTo(SocketIoPackets.CONNECT);
        assertThat(bare.data().isNull()).isTrue();
    }

    @Test
    void parsesAChatEvent() {
        Packet event = SocketIoPackets.parse("42[\"chat\",{\"room\":\"g-1\",\"text\":\"hi \\\"there\\\"\\n\u00e9\"}]");
        assertThat(event.socketType()).isEqualTo(SocketIoPackets.EVENT);
        assertThat(event.eventName()).isEqualTo("chat");
        assertThat(event.ackId()).isEqualTo(-1);
        assertThat(SocketIoPackets.chatMessage(event)).containsExactly("g-1", "hi \"there\"\n\u00e9");
    }

    @Test
    void parsesAckIdsWithAndWithoutANamespace() {
        Packet event = SocketIoPackets.parse("42123[\"join\",\"g-1\"]");
        assertThat(event.ackId()).isEqualTo(123);
        assertThat(event.eventName()).isEqualTo("join");
        assertThat(event.firstArgument().asString()).isEqualTo("g-1");

        Packet ack = SocketIoPackets.parse("437[\"g-1\"]");
        assertThat(ack.socketType()).isEqualTo(SocketIoPackets.ACK);
        assertThat(ack.ackId()).isEqualTo(7);
        assertThat(ack.firstArgument().asString()).isEqualTo("g-1");
        assertThat(ack.eventName()).isNull();

        Packet namespaced = SocketIoPackets.parse("43/admin,12[]");
        assertThat(namespaced.namespace()).isEqualTo("/admin");
        assertThat(namespaced.ackId()).isEqualTo(12);
        assertThat(namespaced.firstArgument().isNull()).isTrue();
    }

    @Test
    void otherEventsAreNoChat() {
        assertThat(SocketIoPackets.chatMessage(SocketIoPackets.parse("42[\"typing\",{\"room\":\"g\"}]"))).isNull();
        assertThat(SocketIoPackets.chatMessage(SocketIoPackets.parse("42[\"chat\",\"just text\"]"))).isNull();
        assertThat(SocketIoPackets.chatMessage(SocketIoPackets.parse("42[\"chat\"]"))).isNull();
        assertThat(SocketIoPackets.chatMessage(SocketIoPackets.parse("41"))).isNull();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> SocketIoPackets.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketIoPackets.parse("4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SocketIoPackets.parse("451-[\"file\",{\"_placeholder\":true,\"num\":0}]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary");
    }

    @Test
    void encodesChatAndJoin() {
        assertThat(SocketIoPackets.chat("g-1", "hello")).isEqualTo("42[\"chat\",{\"room\":\"g-1\",\"text\":\"hello\"}]");
        assertThat(SocketIoPackets.join(0, "g-1")).isEqualTo("420[\"join\",\"g-1\"]");
        assertThat(SocketIoPackets.join(42, "g\"1")).isEqualTo("4242[\"join\",\"g\\\"1\"]");
        assertThat(SocketIoPackets.CONNECT_DEFAULT).isEqualTo("40");
        assertThat(SocketIoPackets.PONG_FRAME).isEqualTo("3");
    }

    @Test
    void anEncodedChatReadsBackTheSame() {
        String text = "quotes \" and \\ backslashes, a\ttab, a\nnewline, \u0001 control, \u00e9\u4e2d\ud83d\ude00";
        String frame = SocketIoPackets.chat("room \"7\"", text);
        assertThat(SocketIoPackets.chatMessage(SocketIoPackets.parse(frame))).containsExactly("room \"7\"", text);

        Packet join = SocketIoPackets.parse(SocketIoPackets.join(9, "r\u00e9"));
        assertThat(join.ackId()).isEqualTo(9);
        assertThat(join.eventName()).isEqualTo("join");
        assertThat(join.firstArgument().asString()).isEqualTo("r\u00e9");
    }

    @Test
    void readsTheServersChatFormDirectly() {
        assertThat(SocketIoPackets.readChat("42[\"chat\",{\"room\":\"g-1\",\"text\":\"hello\"}]"))
                .containsExactly("g-1", "hello");
        // as JSON.stringify writes them: quotes, backslashes and control characters escaped, the rest as is
        assertThat(SocketIoPackets.readChat(
                "42[\"chat\",{\"room\":\"g\\\"1\",\"text\":\"a\\\\b\\n\\t\\u0001\u00e9\ud83d\ude00 \\/ \\ud800\"}]"))
                .containsExactly("g\"1", "a\\b\n\t\u0001\u00e9\ud83d\ude00 / \ud800");
    }

    @Test
    void otherChatFormsAndOtherFramesGoThroughTheFullParse() {
        assertThat(SocketIoPackets.readChat("42[\"chat\",{\"text\":\"t\",\"room\":\"r\"}]")).containsExactly("r", "t");
        assertThat(SocketIoPackets.readChat("42[\"chat\",{\"room\":\"r\",\"text\":\"t\",\"at\":1}]"))
                .containsExactly("r", "t");
        assertThat(SocketIoPackets.readChat("42[\"chat\", {\"room\": \"r\", \"text\": \"t\"}]")).containsExactly("r", "t");
        assertThat(SocketIoPackets.readChat("423[\"chat\",{\"room\":\"r\",\"text\":\"t\"}]")).containsExactly("r", "t");
        assertThat(SocketIoPackets.readChat("42[\"typing\",{\"room\":\"r\"}]")).isNull();
        assertThat(SocketIoPackets.readChat("40{\"sid\":\"x\"}")).isNull();
        assertThat(SocketIoPackets.readChat("2")).isNull();
        assertThatThrownBy(() -> SocketIoPackets.readChat("42[\"chat\",{\"room\":\"r\",\"text\":\"t"))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void readStringRefusesBrokenStrings() {
        int[] end = new int[1];
        assertThat(SocketIoPackets.readString("abc\"xyz", 0, end)).isEqualTo("abc");
        assertThat(end[0]).isEqualTo(4);
        assertThat(SocketIoPackets.readString("a\\\"b\"", 0, end)).isEqualTo("a\"b");
        assertThat(end[0]).isEqualTo(5);
        assertThat(SocketIoPackets.readString("abc", 0, end)).isNull();
        assertThat(SocketIoPackets.readString("a\\qb\"", 0, end)).isNull();
        assertThat(SocketIoPackets.readString("a\\u12\"", 0, end)).isNull();
        assertThat(SocketIoPackets.readString("a\\u12g4\"", 0, end)).isNull();
        assertThat(SocketIoPackets.readString("a\\", 0, end)).isNull();
    }

    @Test
    void theDirectReadAgreesWithTheFullParseOnRandomTexts() {
        Random random = new Random(7);
        String alphabet = "ab \"\\/\n\r\t\b\f\u0000\u001f\u007f\u00e9\u2028\u4e2d";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                if (random.nextInt(10) == 0) {
                    text.append("\ud83d\ude00");
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String room = "r" + text.length() % 3 + (n % 2 == 0 ? "\"" : "");
            String frame = SocketIoPackets.chat(room, text.toString());
            assertThat(SocketIoPackets.readChat(frame)).containsExactly(room, text.toString())
                    .containsExactly(SocketIoPackets.chatMessage(SocketIoPackets.parse(frame)));
        }
    }
}
