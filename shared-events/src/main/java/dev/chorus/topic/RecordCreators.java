package dev.chorus.topic;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;

/**
 * Builds records (and any other type read through a constructor that takes its properties) with a method
 * handle made once per type. Jackson 3 calls such a constructor with {@code MethodHandle.invokeWithArguments},
 * which builds a spreading adapter on every call: on JDK 17 and 25 alike that was 30 % of the time and a third
 * of the garbage of reading a command (docs/PERFORMANCE.md). The handle here takes the same {@code Object[]}
 * and converts each argument as {@code invokeWithArguments} does, so what is built, and what fails, is unchanged.
 *
 * <p>A constructor this class may not call (one neither public nor opened by Jackson, which opens non-public
 * creators unless {@code MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS} is off) keeps Jackson's instantiator.
 */
final class RecordCreators extends SimpleModule {

    RecordCreators() {
        super("chorus-record-creators");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                                                             BeanDescription.Supplier type,
                                                             ValueInstantiator jacksons) {
                return withSpreadingHandle(jacksons);
            }
        });
    }

    /** {@code jacksons} with its properties constructor called through a handle made once, where it can be. */
    static ValueInstantiator withSpreadingHandle(ValueInstantiator jacksons) {
        if (jacksons.getClass() != StdValueInstantiator.class || !jacksons.canCreateFromObjectWith()
                || !(jacksons.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
            return jacksons;
        }
        Constructor<?> constructor = creator.getAnnotated();
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflectConstructor(constructor);
        } catch (IllegalAccessException notOpen) {
            return jacksons;
        }
        int arity = constructor.getParameterCount();
        // fixed arity: Jackson gives a varargs parameter its array, which a collecting handle would wrap again
        MethodHandle spreading = handle.asFixedArity().asType(MethodType.genericMethodType(arity))
                .asSpreader(Object[].class, arity);
        return new SpreadingInstantiator((StdValueInstantiator) jacksons, spreading);
    }

    /** Jackson's instantiator for the type, but for how it calls the properties constructor. */
    static final class SpreadingInstantiator extends StdValueInstantiator {

        /** {@code (Object[]) -> Object}: the constructor, each argument cast or unboxed to its parameter. */
        private final MethodHandle constructor;

        private SpreadingInstantiator(StdValueInstantiator jacksons, MethodHandle constructor) {
            super(jacksons);
            this.constructor = constructor;
        }

        /** As {@link StdValueInstantiator#createFromObjectWith(DeserializationContext, Object[])}. */
        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
            }
        }
    }
}
