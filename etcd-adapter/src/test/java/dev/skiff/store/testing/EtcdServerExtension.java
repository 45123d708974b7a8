package dev.skiff.store.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One etcd for a whole test class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdServerExtension ETCD = new EtcdServerExtension();
 * ... new EtcdStore(List.of(ETCD.endpoint())) ...
 * }</pre>
 *
 * Tests of the class share the member, so each should use keys of its own.
 */
public final class EtcdServerExtension implements BeforeAllCallback, AfterAllCallback {

    private EtcdServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EtcdServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running member's client URL. */
    public String endpoint() {
        if (server == null) {
            throw new IllegalStateException("etcd is not running: register the extension on a static field"
                    + " with @RegisterExtension");
        }
        return server.endpoint();
    }
}
