package dev.chorus.gateway.kafka;

import dev.chorus.command.Command;
import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.KafkaSettings;
import dev.chorus.topic.TopicProvisioner;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaClientConfig kafkaClientConfig(KafkaSettings kafka, GatewayProperties gateway) {
        return new KafkaClientConfig(kafka, gateway);
    }

    /** Whichever Chorus app starts first creates the topics; existing ones are left alone. */
    @Bean
    ProvisionedTopics provisionedTopics(KafkaClientConfig config, KafkaSettings kafka) {
        try (Admin admin = Admin.create(config.admin())) {
            new TopicProvisioner(admin, kafka.topicPartitions(), kafka.replicationFactor()).ensure(Topics.all());
        }
        return new ProvisionedTopics();
    }

    @Bean(destroyMethod = "close")
    ReplaceableProducer<String, Command> commandKafkaProducer(KafkaClientConfig config, ProvisionedTopics topics) {
        return new ReplaceableProducer<>("commands", () -> new KafkaProducer<>(config.commandProducer(),
                Topics.COMMANDS.keySerde().serializer(), Topics.COMMANDS.valueSerde().serializer()));
    }

    @Bean
    CommandProducer commandProducer(ReplaceableProducer<String, Command> commandKafkaProducer,
                                    GatewayProperties gateway, Clock clock) {
        return new CommandProducer(commandKafkaProducer, gateway.id(), clock);
    }

    /** Named {@code kafka} in the health groups (the readiness group includes it). */
    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(ObjectProvider<WholeTopicReader<?>> readers, CommandProducer commands,
                                              KafkaHealthProperties properties) {
        return new KafkaHealthIndicator(readers.orderedStream().toList(), commands, properties);
    }

    /** Named {@code kafkaReaders} in the health groups (the liveness group includes it). */
    @Bean
    KafkaReadersHealthIndicator kafkaReadersHealthIndicator(ObjectProvider<WholeTopicReader<?>> readers) {
        return new KafkaReadersHealthIndicator(readers.orderedStream().toList());
    }
}
