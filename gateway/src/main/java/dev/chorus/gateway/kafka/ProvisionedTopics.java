package dev.chorus.gateway.kafka;

/**
 * Proof, as a bean, that the Chorus topics exist: whatever reads or writes them takes it as a dependency, so
 * Spring creates the topics first.
 */
public record ProvisionedTopics() {
}
