package dev.chorus.gateway;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test of {@link HardenedGatewayTest}, through Netty's {@code /ws}, and what only Netty inflates itself. */
@OnNetty
class NettyHardenedGatewayTest extends HardenedGatewayTest {

    /**
     * Netty inflates a compressed frame on its event loop before the handler sees it, so the frame limit alone
     * would let 58 KB on the wire become 60 MB in the gateway's heap, ahead of the handler, per frame. Inflating
     * stops at the limit instead: what the event loops allocate for such a frame stays far below its inflated size.
     */
    @Test
    void aCompressedFrameIsInflatedNoFurtherThanTheFrameLimit() throws Exception {
        byte[] frame = RawWebSocket.compressedTextFrame(text(60 * 1024 * 1024));
        try (RawWebSocket socket = RawWebSocket.open(wsPort(), "/ws?access_token=" + IDP.rs256("kai"),
                Map.of("Sec-WebSocket-Extensions", "permessage-deflate"))) {
            socket.nextOf(RawWebSocket.OPCODE_TEXT);
            long before = eventLoopsAllocatedBytes();

            socket.sendAtOnce(frame);

            assertThat(nextOtherThanPing(socket).closeCode()).isEqualTo(1009);
            assertThat(eventLoopsAllocatedBytes() - before).as("bytes the event loops allocated meanwhile")
                    .isLessThan(8L * 1024 * 1024);
        }
    }

    private static long eventLoopsAllocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("ws-netty-io"))
                .mapToLong(thread -> threads.getThreadAllocatedBytes(thread.getId()))
                .sum();
    }
}
