package dev.chorus.gateway;

import org.springframework.test.context.TestPropertySource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a gateway test class's tests again through {@code /ws} on Netty ({@code chorus.gateway.netty.port}): a
 * gateway of its own (its own context, id and connections), so that the users of the tests it repeats are new to
 * it, on the same broker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = {"chorus.gateway.id=gw-it-netty", "chorus.gateway.netty.port=0"})
@interface OnNetty {
}
