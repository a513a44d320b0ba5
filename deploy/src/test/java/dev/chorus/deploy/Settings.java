package dev.chorus.deploy;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.TypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an application can be configured with and what it measures, read from its code: the properties of its
 * {@code @ConfigurationProperties} records (walked down nested records) plus every property Spring Boot's
 * metadata on the classpath knows, each as the environment variable that sets it; and its meter names.
 */
final class Settings {

    private Settings() {
    }

    /**
     * The environment variables Spring's relaxed binding reads a property from: {@code chorus.kafka.bootstrap-servers}
     * is {@code CHORUS_KAFKA_BOOTSTRAPSERVERS}, or in the legacy form with the dash as an underscore,
     * {@code CHORUS_KAFKA_BOOTSTRAP_SERVERS}.
     */
    static List<String> environmentNames(String property) {
        String upper = property.replace('.', '_').toUpperCase();
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }

    /** Environment variables that set a {@code chorus.*} property of the module's code. */
    static Set<String> chorusVariables(String module) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : classes(module, new AnnotationTypeFilter(ConfigurationProperties.class))) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.value().isEmpty() ? annotation.prefix() : annotation.value();
            walk(prefix, type, names);
        }
        return names;
    }

    private static void walk(String prefix, Class<?> type, Set<String> names) {
        for (RecordComponent component : type.getRecordComponents()) {
            String property = prefix + "." + kebab(component.getName());
            names.addAll(environmentNames(property));
            if (component.getType().isRecord()) {
                walk(property, component.getType(), names);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** Environment variables of every property in Spring Boot's configuration metadata on the classpath. */
    static Set<String> springVariables() {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> files = Settings.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json");
            while (files.hasMoreElements()) {
                try (InputStream in = files.nextElement().openStream()) {
                    JsonNode properties = JsonMapper.builder().build().readTree(in).path("properties");
                    for (JsonNode property : properties) {
                        names.addAll(environmentNames(property.path("name").asString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * Meter names of the module, as Prometheus shows them without suffixes ({@code chorus.frames.in} is
     * {@code chorus_frames_in}): every constant string of its classes that starts with {@code chorus.} and is
     * no property prefix.
     */
    static Set<String> meterNames(String module) {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : classes(module, (reader, factory) -> true)) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())
                        && Modifier.isFinal(field.getModifiers())) {
                    field.setAccessible(true);
                    try {
                        Object value = field.get(null);
                        if (value instanceof String name && name.startsWith("chorus.")) {
                            names.add(name.replace('.', '_'));
                        }
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }

    private static Set<Class<?>> classes(String module, TypeFilter filter) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return true; // package-private records and classes too
            }
        };
        scanner.addIncludeFilter(filter);
        Set<Class<?>> classes = new HashSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("dev.chorus." + module)) {
            try {
                classes.add(Class.forName(definition.getBeanClassName()));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + definition.getBeanClassName(), e);
            }
        }
        return classes;
    }
}
