package dev.chorus.gateway.typing;

import dev.chorus.delivery.Typing;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.kafka.KafkaClientConfig;
import dev.chorus.gateway.kafka.ProvisionedTopics;
import dev.chorus.gateway.membership.MembershipFeed;
import dev.chorus.gateway.membership.MembershipIndex;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class TypingConfiguration {

    @Bean
    ExecutorScheduler typingScheduler() {
        return new ExecutorScheduler();
    }

    /**
     * The topic's metadata is fetched here, at start-up, so that the first signal does not wait for it on
     * the typing thread.
     */
    @Bean(destroyMethod = "close")
    Producer<String, Typing> typingKafkaProducer(KafkaClientConfig config, ProvisionedTopics topics,
                                                 TypingProperties typing) {
        KafkaProducer<String, Typing> producer = new KafkaProducer<>(config.typingProducer(typing.timeout()),
                Topics.EPHEMERAL.keySerde().serializer(), Topics.EPHEMERAL.valueSerde().serializer());
        producer.partitionsFor(Topics.EPHEMERAL.name());
        return producer;
    }

    @Bean
    TypingBoard typingBoard(ExecutorScheduler typingScheduler, TypingProperties typing, MembershipIndex index,
                            ConnectionRegistry registry) {
        return new TypingBoard(typingScheduler, typing.timeout(), new MemberConnections(index, registry));
    }

    @Bean
    TypingService typingService(TypingBoard board, Producer<String, Typing> typingKafkaProducer,
                                MembershipIndex index, MembershipFeed feed, ConnectionRegistry registry,
                                ExecutorScheduler typingScheduler, TypingProperties typing,
                                GatewayProperties gateway, Clock clock) {
        return new TypingService(board, new TypingPublisher(typingKafkaProducer), index,
                connection -> feed.askAgainIfDue(connection, typing.membershipWait()), registry, typingScheduler,
                typing.membershipWait(), gateway.id(), clock);
    }

    @Bean
    TypingReader typingReader(KafkaClientConfig config, ProvisionedTopics topics, TypingBoard board,
                              ExecutorScheduler typingScheduler, TypingProperties typing,
                              GatewayProperties gateway) {
        return new TypingReader(
                () -> new KafkaConsumer<>(config.ephemeralConsumer(), Topics.EPHEMERAL.keySerde().deserializer(),
                        Topics.EPHEMERAL.valueSerde().deserializer()),
                signal -> typingScheduler.execute(() -> board.apply(signal)),
                gateway.id(), typing.pollTimeout(), gateway.kafka().startupTimeout());
    }
}
