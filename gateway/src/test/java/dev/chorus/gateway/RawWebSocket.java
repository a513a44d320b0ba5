package dev.chorus.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * A WebSocket client written by hand on a socket, for what no client library lets a test do: see the
 * handshake's response headers, and never answer a ping. Every read is bounded by {@link TestSocket#WAIT}.
 */
final class RawWebSocket implements AutoCloseable {

    static final int OPCODE_CONTINUATION = 0x0;
    static final int OPCODE_TEXT = 0x1;
    static final int OPCODE_BINARY = 0x2;
    static final int OPCODE_CLOSE = 0x8;
    static final int OPCODE_PING = 0x9;
    static final int OPCODE_PONG = 0xA;

    record Frame(int opcode, byte[] payload) {
        /** The status code of a close frame. */
        int closeCode() {
            return payload.length >= 2 ? ByteBuffer.wrap(payload, 0, 2).getShort() & 0xFFFF : 1005;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    final int status;
    /** Response headers, names in lower case. */
    final Map<String, String> headers = new LinkedHashMap<>();

    private RawWebSocket(int port, String pathAndQuery, Map<String, String> extraHeaders, int receiveBufferBytes)
            throws IOException {
        socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connecting, so that the window is small too
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setSoTimeout((int) TestSocket.WAIT.toMillis());
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        StringBuilder head = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n");
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        OutputStream out = socket.getOutputStream();
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        status = Integer.parseInt(line().split(" ")[1]);
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
    }

    static RawWebSocket open(int port, String pathAndQuery, Map<String, String> headers) throws IOException {
        return new RawWebSocket(port, pathAndQuery, headers, 0);
    }

    /** A client whose socket buffers only this many bytes of what the server sends, for a reader that stalls. */
    static RawWebSocket openWithReceiveBuffer(int port, String pathAndQuery, int receiveBufferBytes)
            throws IOException {
        return new RawWebSocket(port, pathAndQuery, Map.of(), receiveBufferBytes);
    }

    /** The next frame from the server: unmasked, and whole as long as it fits {@code io-buffer-bytes}. */
    Frame next() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** Frames until one of this opcode, which it returns. */
    Frame nextOf(int opcode) throws IOException {
        for (Frame frame = next(); ; frame = next()) {
            if (frame.opcode() == opcode) {
                return frame;
            }
        }
    }

    /** Sends one masked text frame, as a client must. */
    void sendText(String text) throws IOException {
        send(OPCODE_TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame of any kind: a part of a message ({@code fin} false), a control frame. */
    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        sendAtOnce(frame(opcode, fin, payload));
    }

    /** Sends bytes (frames made by {@link #frame}) in one write, so that the server reads them together. */
    void sendAtOnce(byte[] frames) throws IOException {
        socket.getOutputStream().write(frames);
        socket.getOutputStream().flush();
    }

    /** One masked frame, as a client must send it. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    /**
     * One masked text frame compressed as {@code permessage-deflate} sends it (RSV1 set, the deflate block's
     * empty tail left off), for a connection that negotiated the extension.
     */
    static byte[] compressedTextFrame(byte[] text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(text);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int length;
        do {
            length = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH);
            compressed.write(chunk, 0, length);
        } while (length == chunk.length);
        deflater.end();
        byte[] deflated = compressed.toByteArray();
        byte[] frame = frame(OPCODE_TEXT, true, Arrays.copyOf(deflated, deflated.length - 4)); // 00 00 ff ff
        frame[0] |= 0x40;
        return frame;
    }

    /** Whether the server has closed the socket: the next read finds its end. */
    boolean atEnd() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not close a test socket", e);
        }
    }
}
