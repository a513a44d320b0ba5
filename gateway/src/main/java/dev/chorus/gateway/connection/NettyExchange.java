package dev.chorus.gateway.connection;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpAsyncRequestControl;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

/**
 * A Netty handshake as Spring's {@code ServerHttpRequest} and {@code ServerHttpResponse}, so that the very
 * interceptors that guard the web server's {@code /ws} (the token, the per-user connection limit) guard Netty's.
 * Lives only for the handshake.
 */
final class NettyExchange {

    private NettyExchange() {
    }

    static final class Request implements ServerHttpRequest {

        private final HttpMethod method;
        private final URI uri;
        private final HttpHeaders headers = new HttpHeaders();
        private final Channel channel;
        private final Map<String, Object> attributes = new HashMap<>();

        /** @throws IllegalArgumentException when the request's {@code Host} and target make no URI */
        Request(FullHttpRequest request, Channel channel) {
            this.method = HttpMethod.valueOf(request.method().name());
            request.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
            String host = headers.getFirst(HttpHeaders.HOST);
            if (host == null || host.isBlank()) {
                InetSocketAddress local = (InetSocketAddress) channel.localAddress();
                host = local.getHostString() + ":" + local.getPort();
            }
            this.uri = URI.create("http://" + host + request.uri());
            this.channel = channel;
        }

        @Override
        public HttpMethod getMethod() {
            return method;
        }

        @Override
        public URI getURI() {
            return uri;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return (InetSocketAddress) channel.localAddress();
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return (InetSocketAddress) channel.remoteAddress();
        }

        @Override
        public ServerHttpAsyncRequestControl getAsyncRequestControl(ServerHttpResponse response) {
            throw new UnsupportedOperationException("a handshake is answered at once");
        }

        @Override
        public InputStream getBody() {
            return InputStream.nullInputStream();
        }
    }

    /** What the interceptors decided: a status and headers; a body written here is not sent. */
    static final class Response implements ServerHttpResponse {

        private final HttpHeaders headers = new HttpHeaders();
        private HttpStatusCode status;

        @Override
        public void setStatusCode(HttpStatusCode status) {
            this.status = status;
        }

        /** The status an interceptor set, or null. */
        HttpStatusCode status() {
            return status;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public OutputStream getBody() {
            return new ByteArrayOutputStream();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
