package dev.skiff.bench;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A throwaway single-node Kafka (KRaft: one process is broker and controller) on loopback, run as
 * its own JVM from the jars and shared settings kafka-runtime puts in {@code kafka-runtime/target/lib},
 * as the kafka-runtime test harness (KafkaBroker) runs it; its settings, data and logs in a directory of its own.
 */
final class KafkaProcess implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** What the broker logs once it serves clients; ./skiff kafka start waits for it too. */
    private static final String STARTED = "Kafka Server started";

    private final ChildProcess process;
    private final String bootstrapServers;

    private KafkaProcess(ChildProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats fresh storage in DIR, starts the broker from the runtime in LIB and returns once it has started. */
    static KafkaProcess start(Path lib, Path dir, PortAllocator ports, Cleanup cleanup) throws InterruptedException {
        Path config = lib.resolve("config");
        if (!Files.isRegularFile(config.resolve("server.properties")) || !Files.isDirectory(lib)) {
            throw new BenchFailure("no Kafka runtime in " + lib.toAbsolutePath()
                    + ": build it with mvn -f kafka-runtime/pom.xml -DskipTests package");
        }
        int port = ports.next();
        int controllerPort = ports.next();
        Path serverProperties = writeServerProperties(config.resolve("server.properties"), dir, port, controllerPort);

        ChildProcess.start("kafka storage format", command(lib, "kafka.tools.StorageTool", "format", "--standalone",
                        "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties.toString()),
                Map.of(), dir.resolve("kafka-format.log"), cleanup)
                .awaitSuccessfulExit(FORMAT_TIMEOUT);
        ChildProcess process = ChildProcess.start("kafka", command(lib, "kafka.Kafka", serverProperties.toString()),
                Map.of(), dir.resolve("kafka.log"), cleanup);
        process.awaitLogLine(STARTED, READY_TIMEOUT);
        return new KafkaProcess(process, "127.0.0.1:" + port);
    }

    /** The shared settings plus this node's listeners and data directory. */
    private static Path writeServerProperties(Path shared, Path dir, int port, int controllerPort) {
        Properties properties = new Properties();
        Path target = dir.resolve("server.properties");
        try {
            try (var reader = Files.newBufferedReader(shared, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            properties.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
            properties.setProperty("log.dirs", dir.resolve("kafka-data").toString());
            try (Writer writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                properties.store(writer, "written by ./skiff bench relay");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
        return target;
    }

    /** MAIN_CLASS run from the runtime's jars with its JVM options and logging settings. */
    private static List<String> command(Path lib, String mainClass, String... arguments) {
        Path config = lib.resolve("config");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + config.resolve("jvm.options"),
                "-Dlog4j2.configurationFile=" + config.resolve("log4j2.properties"),
                "-cp", lib.resolve("*").toString(),
                mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    /** Where clients connect: {@code 127.0.0.1:PORT}. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        process.close();
    }
}
