package dev.skiff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The run's scratch directory (etcd data, embedded stores, process logs), deleted when the run ends. */
final class WorkDirectory implements AutoCloseable {

    private final Path root;

    private WorkDirectory(Path root) {
        this.root = root;
    }

    /** A fresh scratch directory for the benchmark NAME. */
    static WorkDirectory create(String name) throws IOException {
        return new WorkDirectory(Files.createTempDirectory("skiff-bench-" + name + "-"));
    }

    /** A new directory under the root. */
    Path directory(String name) throws IOException {
        return Files.createDirectories(root.resolve(name));
    }

    /** Deletes the tree, as far as it can: a file that will not go is left behind. */
    @Override
    public void close() {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> tree = Files.walk(root)) {
            deepestFirst = tree.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            System.err.println("cannot list " + root + " to delete it: " + e.getMessage());
            return;
        }
        for (Path path : deepestFirst) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                System.err.println("cannot delete " + path + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "work directory " + root;
    }
}
