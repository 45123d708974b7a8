package dev.skiff.kafka.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka broker for a whole test class. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
 * ... Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()) ...
 * }</pre>
 *
 * Tests of the class share the broker, so each should use topics of its own.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> settings;
    private KafkaBroker broker;

    /** A broker with Skiff's shared settings. */
    public KafkaBrokerExtension() {
        this(Map.of());
    }

    /** A broker with these settings on top, e.g. {@link KafkaBroker#QUICK_COMPACTION}. */
    public KafkaBrokerExtension(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        broker = KafkaBroker.start(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker, e.g. to restart it. */
    public KafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("Kafka is not running: register the extension on a static field"
                    + " with @RegisterExtension");
        }
        return broker;
    }

    /** Where clients connect: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }
}
