package dev.skiff.kafka.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaRuntimeTest {

    private static final Path MODULE = Path.of(System.getProperty("user.dir"));

    @Test
    void findsTheLibFolderFromTheModuleAndFromFoldersBelowIt() {
        Path expected = MODULE.resolve("target/lib").toAbsolutePath().normalize();

        assertThat(KafkaRuntime.locate(null, MODULE).lib()).isEqualTo(expected);
        assertThat(KafkaRuntime.locate("", MODULE.resolve("src/test/java")).lib()).isEqualTo(expected);
    }

    @Test
    void theSystemPropertyWins() {
        Path lib = MODULE.resolve("target/lib");

        assertThat(KafkaRuntime.locate(lib.toString(), Path.of("/")).lib()).isEqualTo(lib.toAbsolutePath().normalize());
    }

    @Test
    void saysHowToBuildItWhenTheFolderIsMissing(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> KafkaRuntime.locate(null, elsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("skiff.kafka.lib")
                .hasMessageEndingWith("build kafka-runtime first: mvn -pl kafka-runtime package");
        assertThatThrownBy(() -> KafkaRuntime.locate(elsewhere.resolve("lib").toString(), MODULE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(elsewhere.resolve("lib").toString())
                .hasMessageEndingWith("build kafka-runtime first: mvn -pl kafka-runtime package");
    }

    @Test
    void rejectsAFolderWithoutTheBroker(@TempDir Path empty) {
        assertThatThrownBy(() -> KafkaRuntime.locate(empty.toString(), MODULE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kafka_2.13-*.jar")
                .hasMessageEndingWith("build kafka-runtime first: mvn -pl kafka-runtime package");
    }

    @Test
    void runsTheBrokerWithThisJavaItsSharedOptionsAndTheFolderOfJars() {
        KafkaRuntime runtime = KafkaRuntime.locate(null, MODULE);
        Path lib = runtime.lib();

        assertThat(runtime.command("kafka.Kafka", "server.properties")).containsExactly(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + lib.resolve("config/jvm.options"),
                "-Dlog4j2.configurationFile=" + lib.resolve("config/log4j2.properties"),
                "-cp", lib.resolve("*").toString(),
                "kafka.Kafka", "server.properties");
        assertThat(runtime.sharedSettings()).containsEntry("process.roles", "broker,controller");
    }

    @Test
    void theBrokerIsTheKafkaVersionOfTheClients() throws IOException {
        String clients = AppInfoParser.getVersion();
        try (Stream<Path> files = Files.list(KafkaRuntime.locate(null, MODULE).lib())) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(name -> name.startsWith("kafka")))
                    .contains("kafka_2.13-" + clients + ".jar", "kafka-tools-" + clients + ".jar")
                    .allSatisfy(jar -> assertThat(jar).endsWith("-" + clients + ".jar"));
        }
    }
}
