package dev.chorus.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docker-compose.yml} as Compose reads it, as far as the checks need: YAML merge keys resolved, and
 * {@code ${VAR:-default}} / {@code ${VAR:?message}} interpolated with their defaults (a required variable gets
 * {@link #REQUIRED_VALUE}).
 */
final class Compose {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String REQUIRED_VALUE = "a-required-value-given-by-whoever-runs-compose-0123456789";
    /** The modules whose Jib images Compose runs, as {@code chorus/<module>}. */
    static final List<String> IMAGE_MODULES = List.of("gateway", "processor", "analytics");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");

    private final Map<String, Object> document;

    private Compose(Map<String, Object> document) {
        this.document = document;
    }

    static Compose load() {
        return new Compose(yaml(ROOT.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) document.get("services");
    }

    Map<String, Object> service(String name) {
        return services().get(name);
    }

    /** The service's Chorus module ({@code gateway}, ...) when it runs a Chorus image, else {@code null}. */
    String module(String service) {
        String image = image(service);
        for (String module : IMAGE_MODULES) {
            if (image.startsWith("chorus/" + module + ":")) {
                return module;
            }
        }
        return null;
    }

    String image(String service) {
        return interpolate(String.valueOf(service(service).get("image")));
    }

    @SuppressWarnings("unchecked")
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service(service).get("environment");
        if (declared instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).forEach((name, value) -> environment.put(name, interpolate(String.valueOf(value))));
        } else if (declared instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                environment.put(parts[0], parts.length > 1 ? interpolate(parts[1]) : "");
            }
        }
        return environment;
    }

    @SuppressWarnings("unchecked")
    List<String> list(String service, String key) {
        Object value = service(service).get(key);
        return value == null ? List.of() : ((List<Object>) value).stream().map(String::valueOf).toList();
    }

    static String interpolate(String value) {
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = "?".equals(matcher.group(2)) ? REQUIRED_VALUE
                    : matcher.group(3) == null ? "" : matcher.group(3);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }
}
