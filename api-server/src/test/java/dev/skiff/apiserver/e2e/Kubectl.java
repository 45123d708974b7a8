package dev.skiff.apiserver.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl binary against a Skiff api-server through a kubeconfig of its own. */
final class Kubectl {

    /** What one kubectl run printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private final Path binary;
    private final Path kubeconfig;

    Kubectl(Path binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    /** The kubectl builds to test: the one on the PATH and the versioned ones beside its real binary. */
    static Path find(String name) throws IOException {
        Path onPath = null;
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) {
                onPath = p.toRealPath();
                break;
            }
        }
        if (onPath == null) {
            throw new IllegalStateException("kubectl is not on the PATH; the end-to-end tests need the real kubectl");
        }
        Path binary = name.equals("kubectl") ? onPath : onPath.getParent().resolve(name);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing; the end-to-end tests run kubectl 1.27 and 1.33 builds "
                    + "that stand beside the real kubectl binary");
        }
        return binary;
    }

    static Path writeKubeconfig(Path dir, String server) throws IOException {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
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
                """.formatted(server));
        return file;
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(kubeconfig.getParent(), "out", ".txt");
        Path err = Files.createTempFile(kubeconfig.getParent(), "err", ".txt");
        ProcessBuilder builder = builder(env, args).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** Starts kubectl without waiting, e.g. for {@code get -w}; its output goes to {@code out}. */
    Process start(Map<String, String> env, Path out, String... args) throws IOException {
        return builder(env, args).redirectOutput(out.toFile()).redirectErrorStream(true).start();
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("HOME", kubeconfig.getParent().toString());
        builder.environment().putAll(env);
        return builder;
    }
}
