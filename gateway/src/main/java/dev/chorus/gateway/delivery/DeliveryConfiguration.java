package dev.chorus.gateway.delivery;

import dev.chorus.gateway.GatewayProperties;
import dev.chorus.gateway.connection.ConnectionRegistry;
import dev.chorus.gateway.kafka.KafkaClientConfig;
import dev.chorus.gateway.kafka.ProvisionedTopics;
import dev.chorus.gateway.metrics.GatewayMetrics;
import dev.chorus.topic.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean
    DeliveryReader deliveryReader(KafkaClientConfig config, ProvisionedTopics topics, ConnectionRegistry registry,
                                  GatewayProperties properties, ObjectProvider<DeliveryObserver> observers,
                                  GatewayMetrics metrics) {
        return new DeliveryReader(
                () -> new KafkaConsumer<>(config.deliveriesConsumer(), Topics.DELIVERIES.keySerde().deserializer(),
                        Topics.DELIVERIES.valueSerde().deserializer()),
                new DeliveryRouter(registry, properties.id(), observers.orderedStream().toList(), metrics),
                properties.kafka());
    }
}
