package dev.skiff.apiserver;

import dev.skiff.store.StoreException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

/**
 * The api-server's entry point. It runs Quarkus as usual; when startup fails it ends the log
 * with one line that says what went wrong and what to do, which {@code ./skiff up} shows.
 */
@QuarkusMain
public class ApiServerMain {

    private static final Logger LOG = Logger.getLogger(ApiServerMain.class);

    public static void main(String... args) {
        Quarkus.run(null, (exitCode, failure) -> {
            if (failure != null) {
                LOG.error(describe(failure));
            }
            System.exit(exitCode);
        }, args);
    }

    /** The one-line reason of a startup failure: the store's own message, a port in use, or the root cause. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StoreException) {
                return "the store cannot be used: " + t.getMessage();
            }
            if (t instanceof QuarkusBindException bind) {
                return "cannot listen on port " + bind.getPort() + ": it is in use; stop what uses it "
                        + "or choose another port (QUARKUS_HTTP_PORT, ./skiff up --port N)";
            }
            root = t;
        }
        return "startup failed: " + root;
    }
}
