package dev.chorus.gateway.connection;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Keeps {@code permessage-deflate} off: Tomcat negotiates every extension it has installed with any client
 * that asks, whatever Spring's handshake handler selects, so the request's {@code Sec-WebSocket-Extensions}
 * header is hidden from it instead. Installed only while {@code chorus.gateway.permessage-deflate} is off.
 */
final class CompressionPolicy extends OncePerRequestFilter {

    static final String EXTENSIONS_HEADER = "Sec-WebSocket-Extensions";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return EXTENSIONS_HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = Collections.list(super.getHeaderNames());
                names.removeIf(EXTENSIONS_HEADER::equalsIgnoreCase);
                return Collections.enumeration(names);
            }
        }, response);
    }
}
