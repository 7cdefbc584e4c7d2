package com.medsync.realtime.server.plugin.feature;

import java.util.concurrent.Callable;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader, as libraries
 * inside plugins (JAXB, ServiceLoader users) expect, and restores the caller's afterwards.
 */
final class PluginCalls {

    private PluginCalls() {
    }

    static void run(ClassLoader loader, Runnable call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static <T> T call(ClassLoader loader, Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
