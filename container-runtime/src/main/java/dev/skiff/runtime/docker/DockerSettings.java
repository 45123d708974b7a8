package dev.skiff.runtime.docker;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link DockerRuntime} reaches and uses the engine.
 *
 * @param host         the engine's API, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}
 * @param sandboxImage the image pod sandboxes run; when it is missing the runtime builds its own
 *                     pause image under this name (x86_64 engines only: elsewhere load a pause
 *                     image for the engine's architecture and name it here)
 * @param apiTimeout   how long to wait for the engine to connect and to answer a short call
 * @param pullTimeout  how long a pull may take before it is given up
 */
public record DockerSettings(URI host, String sandboxImage, Duration apiTimeout, Duration pullTimeout) {

    public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");
    public static final String DEFAULT_SANDBOX_IMAGE = "skiff.local/pause:1";

    public DockerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiTimeout, "apiTimeout");
        Objects.requireNonNull(pullTimeout, "pullTimeout");
        if (sandboxImage == null || sandboxImage.isBlank()) {
            throw new IllegalArgumentException("sandboxImage must name an image");
        }
        if (apiTimeout.isNegative() || apiTimeout.isZero() || pullTimeout.isNegative() || pullTimeout.isZero()) {
            throw new IllegalArgumentException("apiTimeout and pullTimeout must be positive");
        }
    }

    /** The local engine, Skiff's own pause image, 30 s for a call and 5 min for a pull. */
    public static DockerSettings defaults() {
        return new DockerSettings(DEFAULT_HOST, DEFAULT_SANDBOX_IMAGE, Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    public DockerSettings withHost(URI host) {
        return new DockerSettings(host, sandboxImage, apiTimeout, pullTimeout);
    }

    public DockerSettings withSandboxImage(String sandboxImage) {
        return new DockerSettings(host, sandboxImage, apiTimeout, pullTimeout);
    }

    public DockerSettings withApiTimeout(Duration apiTimeout) {
        return new DockerSettings(host, sandboxImage, apiTimeout, pullTimeout);
    }

    public DockerSettings withPullTimeout(Duration pullTimeout) {
        return new DockerSettings(host, sandboxImage, apiTimeout, pullTimeout);
    }
}
