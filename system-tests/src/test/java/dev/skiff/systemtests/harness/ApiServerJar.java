package dev.skiff.systemtests.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged api-server the tests run: {@code api-server/target/quarkus-app/quarkus-run.jar} of this repository. */
final class ApiServerJar {

    private static final Path JAR_UNDER_ROOT = Path.of("api-server", "target", "quarkus-app", "quarkus-run.jar");

    private ApiServerJar() {
    }

    /**
     * The jar in the working directory or the nearest folder above it that has one.
     *
     * @throws IllegalStateException if there is none
     */
    static Path locate() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(JAR_UNDER_ROOT);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("No " + JAR_UNDER_ROOT + " in " + start + " or any folder above it: "
                + "build the api-server first: mvn -pl api-server -am package -DskipTests");
    }
}
