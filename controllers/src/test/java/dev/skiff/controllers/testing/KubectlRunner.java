package dev.skiff.controllers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the real kubectl ({@code /usr/bin/kubectl}) against the test's api-server through a kubeconfig of its own. */
public final class KubectlRunner implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/kubectl");

    /** What one run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private final Path home;
    private final Path kubeconfig;

    private KubectlRunner(Path home, Path kubeconfig) {
        this.home = home;
        this.kubeconfig = kubeconfig;
    }

    /** A runner for the api-server at the URL (plain HTTP, no credentials), with a temporary home. */
    public static KubectlRunner forServer(String url) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: these tests run the real kubectl");
        }
        Path home = Files.createTempDirectory("skiff-kubectl-");
        Path kubeconfig = home.resolve("kubeconfig");
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
                """.formatted(url));
        return new KubectlRunner(home, kubeconfig);
    }

    /** Runs kubectl with the arguments and waits (at most 60 s) for it to end. */
    public Result run(String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** Deletes the temporary home (kubeconfig, kubectl's cache). */
    @Override
    public void close() throws IOException {
        try (Stream<Path> paths = Files.walk(home)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
