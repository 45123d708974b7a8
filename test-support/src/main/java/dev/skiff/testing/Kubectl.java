package dev.skiff.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the real kubectl binary against a test's api-server (plain HTTP, no credentials) through a
 * kubeconfig in a temporary home of its own, which {@link #close()} deletes.
 */
public final class Kubectl implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 60;

    /** What one kubectl run printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private final Path binary;
    private final Path home;
    private final Path kubeconfig;

    private Kubectl(Path binary, Path home, Path kubeconfig) {
        this.binary = binary;
        this.home = home;
        this.kubeconfig = kubeconfig;
    }

    /** The kubectl on the PATH against the api-server at the URL. */
    public static Kubectl forServer(String url) throws IOException {
        return forServer(url, "kubectl");
    }

    /**
     * A kubectl build against the api-server at the URL: {@code kubectl}, the one on the PATH, or
     * a versioned build standing beside its real binary (e.g. {@code kubectl-1.27}).
     */
    public static Kubectl forServer(String url, String build) throws IOException {
        Path binary = find(build);
        Path home = Files.createTempDirectory("skiff-kubectl-");
        Path kubeconfig = Files.writeString(home.resolve("kubeconfig"), """
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
        return new Kubectl(binary, home, kubeconfig);
    }

    private static Path find(String build) throws IOException {
        Path onPath = null;
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                onPath = candidate.toRealPath();
                break;
            }
        }
        if (onPath == null) {
            throw new IllegalStateException("kubectl is not on the PATH; these tests need the real kubectl");
        }
        Path binary = build.equals("kubectl") ? onPath : onPath.getParent().resolve(build);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing; it should stand beside the real kubectl binary");
        }
        return binary;
    }

    /** Runs kubectl with the arguments and waits (at most 60 s) for it to end. */
    public Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    /** Runs kubectl with extra environment variables (e.g. {@code KUBE_EDITOR}) and waits for it to end. */
    public Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(builder(env, args), args);
    }

    /** Runs PROCESS (kubectl with ARGS, or a wrapper of it) and waits (at most 60 s) for it to end. */
    private Result run(ProcessBuilder processBuilder, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        try {
            Process process = processBuilder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs kubectl with INPUT as its stdin (e.g. for {@code exec -i}) and waits for it to end. */
    public Result runWithStdin(String input, String... args) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), input);
        try {
            return run(builder(Map.of(), args).redirectInput(in.toFile()), args);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /**
     * Runs kubectl on a pseudo-terminal, as a user at a terminal does (for {@code exec -t}), through
     * util-linux's {@code script}, whose exit code is kubectl's; what the terminal shows is stdout.
     */
    public Result runOnTerminal(String... args) throws IOException, InterruptedException {
        return run(terminal(args), args);
    }

    /**
     * Runs kubectl on a pseudo-terminal as {@link #runOnTerminal} does, INPUT typed ahead on it (for
     * {@code run -it} or {@code attach -it}: the terminal holds it until kubectl reads it).
     */
    public Result runOnTerminalTyping(String input, String... args) throws IOException, InterruptedException {
        Path in = Files.writeString(Files.createTempFile(home, "in", ".txt"), input);
        try {
            return run(terminal(args).redirectInput(in.toFile()), args);
        } finally {
            Files.deleteIfExists(in);
        }
    }

    /** util-linux's {@code script} running kubectl with ARGS on a pseudo-terminal. */
    private ProcessBuilder terminal(String... args) {
        StringBuilder line = new StringBuilder(quoted(binary.toString()));
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        return process(Map.of(), List.of("script", "--quiet", "--return", "--command", line.toString(), "/dev/null"));
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** Starts kubectl without waiting, e.g. for {@code get -w} or {@code logs -f}; what it prints goes to {@code out}. */
    public Process start(Map<String, String> env, Path out, String... args) throws IOException {
        return builder(env, args).redirectOutput(out.toFile()).redirectErrorStream(true).start();
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        return process(env, command);
    }

    /** COMMAND (kubectl, or a wrapper of it) with kubectl's environment: this kubeconfig and home, and ENV. */
    private ProcessBuilder process(Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(env);
        return builder;
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
