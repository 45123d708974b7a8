package dev.skiff.runtime.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.skiff.runtime.docker.ImageArchive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Images for tests, built locally since no registry is reachable.
 *
 * <p>{@link #busybox()} is {@code skiff.local/busybox:1}: the host's static busybox (package
 * {@code busybox-static}) as {@code /bin/busybox}, a link in {@code /bin} for each of
 * {@link #APPLETS}, a {@code /tmp} anyone may write, and cmd {@code /bin/sh}. The image is labelled
 * with its recipe version; one without that label (e.g. made by hand) is replaced. The archive is
 * the same bytes every time, so test JVMs that build it at once all end with the same image.
 */
public final class TestImages {

    public static final String BUSYBOX = "skiff.local/busybox:1";
    public static final Path BUSYBOX_BINARY = Path.of("/bin/busybox");
    public static final List<String> APPLETS = List.of(
            "sh", "ash", "sleep", "httpd", "cat", "echo", "ls", "wget", "nc", "env", "true", "false", "kill",
            "killall", "mkdir", "rm", "rmdir", "touch", "pwd", "id", "head", "tail", "grep", "sed", "seq", "date",
            "printf", "test", "[", "tee", "hostname", "ps", "uname", "dd", "yes", "wc", "cp", "mv", "ln", "chmod",
            "sync", "timeout", "nslookup", "ping", "ip", "ifconfig", "netstat", "awk", "cut", "sort", "uniq", "tr",
            "xargs", "find", "stat", "readlink", "basename", "dirname", "expr", "mktemp", "sha256sum", "base64",
            "which", "whoami", "free", "df", "du", "mount", "uptime", "usleep", "tar", "tty", "stty");

    private static final Logger LOG = Logger.getLogger(TestImages.class);
    private static final String RECIPE_LABEL = "dev.skiff.testing.recipe";
    private static final String BUSYBOX_RECIPE = "busybox-2";

    private TestImages() {
    }

    /** The busybox test image's reference, building the image first when it is missing (or not ours). */
    public static synchronized String busybox() {
        DockerEngine.ensureRunning();
        try (DockerClient client = DockerEngine.client()) {
            if (!BUSYBOX_RECIPE.equals(recipe(client, BUSYBOX))) {
                busyboxArchive().loadInto(client);
                LOG.infof("Built the test image %s from %s", BUSYBOX, BUSYBOX_BINARY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BUSYBOX;
    }

    /**
     * A busybox root file system as an image archive to add to: the busybox image's content without
     * its tag, entrypoint or cmd, for tests that need an image of their own.
     */
    public static ImageArchive busyboxArchive(String reference) {
        if (!Files.isReadable(BUSYBOX_BINARY)) {
            throw new IllegalStateException(BUSYBOX_BINARY + " is missing: install the package busybox-static"
                    + " (apt-get install -y busybox-static), which `./skiff test` installs");
        }
        byte[] busybox;
        try {
            busybox = Files.readAllBytes(BUSYBOX_BINARY);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + BUSYBOX_BINARY, e);
        }
        ImageArchive archive = new ImageArchive(reference)
                .architecture(goArchitecture())
                .env("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .directory("bin", 0755)
                .file("bin/busybox", 0755, busybox)
                .directory("etc", 0755)
                .directory("root", 0700)
                .directory("tmp", 01777);
        for (String applet : APPLETS) {
            archive.symlink("bin/" + applet, "busybox");
        }
        return archive;
    }

    /** This machine's architecture as image configs name it. */
    private static String goArchitecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static ImageArchive busyboxArchive() {
        return busyboxArchive(BUSYBOX).cmd("/bin/sh").label(RECIPE_LABEL, BUSYBOX_RECIPE);
    }

    private static String recipe(DockerClient client, String reference) {
        try {
            InspectImageResponse image = client.inspectImageCmd(reference).exec();
            Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
            return labels == null ? null : labels.get(RECIPE_LABEL);
        } catch (NotFoundException missing) {
            return null;
        }
    }
}
