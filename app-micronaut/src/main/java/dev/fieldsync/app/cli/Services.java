package dev.fieldsync.app.cli;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.CountDownLatch;

/** Keeps a long-running command alive until the JVM is asked to stop, then closes it gracefully. */
final class Services {
    private Services() {}

    /** Blocks until SIGTERM/Ctrl-C; then closes the context (a sync pass stops at a page boundary) and {@code after}. */
    static int awaitShutdown(ApplicationContext context, Runnable after) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                if (context.isRunning()) {
                                    context.close();
                                }
                                after.run();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "fieldsync-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }
}
