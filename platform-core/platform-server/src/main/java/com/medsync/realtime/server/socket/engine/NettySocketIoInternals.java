package com.medsync.realtime.server.socket.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Reaches what netty-socketio creates for itself and keeps private, where it has no hook to supply or reach it.
 * Each access names the field or method; when a version renames it, or the module system keeps it closed (the
 * launcher opens netty-socketio's packages to this module), the caller gets nothing and falls back to
 * netty-socketio's own behaviour, and the debug log says why.
 */
final class NettySocketIoInternals {

    private static final Logger log = LoggerFactory.getLogger(NettySocketIoInternals.class);

    private NettySocketIoInternals() {
    }

    /**
     * @param owner     the object holding the field
     * @param declaring the class that declares it (a superclass of the owner's, possibly)
     * @param name      the field's name in netty-socketio 2.0.14
     * @param type      what the field holds
     * @return its value, or empty when the field is missing, of another type, or null
     */
    static <T> Optional<T> read(Object owner, Class<?> declaring, String name, Class<T> type) {
        try {
            Field field = declaring.getDeclaredField(name);
            field.setAccessible(true);
            Object value = field.get(owner);
            return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("netty-socketio's {}.{} is out of reach ({})", declaring.getSimpleName(), name, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Calls a public method without arguments on an object whose class netty-socketio does not export; what the
     * method throws is logged, not thrown.
     */
    static void call(Object target, String method) {
        String name = target.getClass().getSimpleName() + "." + method + "()";
        try {
            Method found = target.getClass().getMethod(method);
            found.setAccessible(true);
            found.invoke(target);
        } catch (InvocationTargetException e) {
            log.warn("netty-socketio's {} failed", name, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("netty-socketio's {} is out of reach ({})", name, e.toString());
        }
    }
}
