package dev.skiff.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import org.jboss.logging.Logger;

/**
 * The image pod sandboxes run. When it is missing it is built here, with no registry: one layer
 * holding {@link PauseExecutable} as {@code /pause}, its entrypoint. The executable is x86_64
 * machine code, so on an engine of another architecture a missing image is an error that says to
 * load a pause image and name it in {@link DockerSettings#sandboxImage()}.
 */
final class SandboxImage {

    private static final Logger LOG = Logger.getLogger(SandboxImage.class);

    private final DockerClient client;
    private final String reference;
    /** Whether the image was there when last looked at; {@link #forget} when the engine says otherwise. */
    private volatile boolean present;

    SandboxImage(DockerClient client, String reference) {
        this.client = client;
        this.reference = ImageReferences.withDefaultTag(reference);
    }

    /**
     * Makes sure the image is present and returns its reference. The engine is asked once; after
     * that the image is taken to be there until {@link #forget} (a sandbox's create found it
     * missing). Sandboxes of many pods start at once: only the look and the build are serialized.
     */
    String ensure() {
        if (present) {
            return reference;
        }
        synchronized (this) {
            if (present || inEngine()) {
                present = true;
                return reference;
            }
            String architecture = client.versionCmd().exec().getArch();
            if (!"amd64".equals(architecture)) {
                throw new IllegalStateException("the sandbox image " + reference + " is missing, and Skiff can build"
                        + " its pause image only for x86_64 (amd64) while this Docker engine runs on " + architecture
                        + ": load a pause image built for " + architecture + " into the engine and name it in the"
                        + " sandbox image setting (DockerSettings.sandboxImage)");
            }
            new ImageArchive(reference)
                    .entrypoint("/pause")
                    .label(Labels.PREFIX + "image", "pause")
                    .file("pause", 0755, PauseExecutable.bytes())
                    .loadInto(client);
            LOG.infof("Built the sandbox image %s (Skiff's pause executable) and loaded it into the engine", reference);
            present = true;
            return reference;
        }
    }

    /** The engine no longer has the image (someone removed it): the next {@link #ensure} looks again. */
    void forget() {
        present = false;
    }

    private boolean inEngine() {
        try {
            client.inspectImageCmd(reference).exec();
            return true;
        } catch (NotFoundException missing) {
            return false;
        }
    }
}
