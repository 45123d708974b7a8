package dev.skiff.controllers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The real kubectl ({@code /usr/bin/kubectl}) against an api-server, through a kubeconfig of its own (no auth). */
public final class Kubectl implements AutoCloseable {

    /** What one command did. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final Path directory;
    private final Path kubeconfig;
    private final String namespace;

    public Kubectl(String apiServer, String namespace) {
        this.namespace = namespace;
        try {
            directory = Files.createTempDirectory("skiff-kubectl-");
            kubeconfig = directory.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: skiff
                      cluster:
                        server: %s
                    users:
                    - name: skiff
                      user: {}
                    contexts:
                    - name: skiff
                      context:
                        cluster: skiff
                        user: skiff
                    current-context: skiff
                    """.formatted(apiServer));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kubectl -n <namespace> args…} and waits for it (two minutes at most). */
    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/kubectl", "-n", namespace));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(directory, "out", ".txt");
            Path err = Files.createTempFile(directory, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            builder.environment().put("HOME", directory.toString());
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running kubectl", e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
