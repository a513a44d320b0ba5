package dev.chorus.processor.topology;

import com.fasterxml.jackson.annotation.JsonTypeName;

/** The stable name a command or event travels under ({@code @JsonTypeName}), read once per class. */
final class TypeNames {

    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            JsonTypeName name = type.getAnnotation(JsonTypeName.class);
            return name == null ? type.getSimpleName() : name.value();
        }
    };

    private TypeNames() {
    }

    static String of(Object value) {
        return NAMES.get(value.getClass());
    }
}
