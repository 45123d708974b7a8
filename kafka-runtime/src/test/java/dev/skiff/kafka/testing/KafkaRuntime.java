package dev.skiff.kafka.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The Kafka broker as the {@code kafka-runtime} module builds it: a folder of jars ({@code
 * kafka-runtime/target/lib}) with the broker's shared settings in its {@code config/} subfolder
 * ({@code server.properties}, {@code log4j2.properties}, {@code jvm.options}). It builds the command
 * lines that run the broker and its tools as their own JVM, with the running JVM's {@code java}.
 */
public final class KafkaRuntime {

    /** System property naming the folder of jars; without it the folder is looked for from the working directory. */
    public static final String LIB_PROPERTY = "skiff.kafka.lib";

    private static final Path LIB_UNDER_ROOT = Path.of("kafka-runtime", "target", "lib");
    private static final String BUILD_HINT = "build kafka-runtime first: mvn -pl kafka-runtime package";

    private final Path lib;

    private KafkaRuntime(Path lib) {
        this.lib = lib;
    }

    /**
     * The runtime named by the system property {@value #LIB_PROPERTY}, else the {@code
     * kafka-runtime/target/lib} found in the working directory or the nearest folder above it.
     *
     * @throws IllegalStateException if there is none, or it lacks the broker's jars or settings
     */
    public static KafkaRuntime locate() {
        return locate(System.getProperty(LIB_PROPERTY), Path.of(System.getProperty("user.dir")));
    }

    static KafkaRuntime locate(String configuredLib, Path workingDirectory) {
        if (configuredLib != null && !configuredLib.isBlank()) {
            return at(Path.of(configuredLib), "the folder " + LIB_PROPERTY + " names");
        }
        for (Path dir = workingDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LIB_UNDER_ROOT);
            if (Files.isDirectory(candidate)) {
                return at(candidate, "the folder found from " + workingDirectory);
            }
        }
        throw new IllegalStateException("No Kafka runtime: no " + LIB_UNDER_ROOT + " in " + workingDirectory
                + " or any folder above it, and the system property " + LIB_PROPERTY + " is not set; "
                + BUILD_HINT);
    }

    private static KafkaRuntime at(Path lib, String origin) {
        KafkaRuntime runtime = new KafkaRuntime(lib.toAbsolutePath().normalize());
        if (!Files.isDirectory(runtime.lib)) {
            throw new IllegalStateException("No Kafka runtime at " + runtime.lib + " (" + origin + "): " + BUILD_HINT);
        }
        if (!runtime.hasBrokerJar()) {
            throw new IllegalStateException("No Kafka broker jar (kafka_2.13-*.jar) in " + runtime.lib + " ("
                    + origin + "): " + BUILD_HINT);
        }
        for (Path file : List.of(runtime.serverProperties(), runtime.loggingConfig(), runtime.jvmOptions())) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("No " + file + " in the Kafka runtime (" + origin + "): " + BUILD_HINT);
            }
        }
        return runtime;
    }

    /** The folder of jars. */
    public Path lib() {
        return lib;
    }

    /** The broker settings every Skiff broker shares; the node's listeners and log.dirs come on top. */
    public Properties sharedSettings() {
        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(serverProperties())) {
            settings.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + serverProperties(), e);
        }
        return settings;
    }

    /** The command that runs {@code mainClass} (the broker, {@code kafka.Kafka}, or a tool) with these arguments. */
    public List<String> command(String mainClass, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + jvmOptions());
        command.add("-Dlog4j2.configurationFile=" + loggingConfig());
        command.add("-cp");
        command.add(lib.resolve("*").toString());
        command.add(mainClass);
        command.addAll(List.of(arguments));
        return command;
    }

    private boolean hasBrokerJar() {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "kafka_2.13-*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib, e);
        }
    }

    private Path serverProperties() {
        return lib.resolve("config/server.properties");
    }

    private Path loggingConfig() {
        return lib.resolve("config/log4j2.properties");
    }

    private Path jvmOptions() {
        return lib.resolve("config/jvm.options");
    }
}
