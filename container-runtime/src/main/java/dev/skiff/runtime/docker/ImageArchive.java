package dev.skiff.runtime.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.LoadImageCallback;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-layer image made from files given here, written in the format {@code docker save} writes
 * and {@code docker load} reads: {@code manifest.json}, the image config named by its digest, and
 * the layer tar. The same content always gives the same bytes, hence the same image id, so two
 * processes loading the same archive at once both end with the same image.
 */
public final class ImageArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A fixed creation time, so that the same content gives the same image id. */
    private static final String CREATED = "1970-01-01T00:00:00Z";

    private final String reference;
    private final TarWriter layer = new TarWriter();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<String> env = new ArrayList<>();
    private String architecture = "amd64";
    private List<String> entrypoint;
    private List<String> cmd;

    /** An empty image to be tagged {@code reference} ({@code :latest} when it has no tag). */
    public ImageArchive(String reference) {
        this.reference = ImageReferences.withDefaultTag(reference);
    }

    /** The architecture in the image config, as Go names it ({@code amd64}, {@code arm64}); {@code amd64} by default. */
    public ImageArchive architecture(String architecture) {
        this.architecture = architecture;
        return this;
    }

    public ImageArchive entrypoint(String... entrypoint) {
        this.entrypoint = List.of(entrypoint);
        return this;
    }

    public ImageArchive cmd(String... cmd) {
        this.cmd = List.of(cmd);
        return this;
    }

    /** Adds an environment entry, {@code NAME=value}. */
    public ImageArchive env(String entry) {
        env.add(entry);
        return this;
    }

    public ImageArchive label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    /** Adds a directory; paths are relative to the root, e.g. {@code bin}. */
    public ImageArchive directory(String path, int mode) {
        layer.directory(path, mode);
        return this;
    }

    public ImageArchive file(String path, int mode, byte[] content) {
        layer.file(path, mode, content);
        return this;
    }

    public ImageArchive symlink(String path, String target) {
        layer.symlink(path, target);
        return this;
    }

    /** The archive of what was added so far. */
    public byte[] toBytes() {
        byte[] layerTar = layer.finish();
        String layerDigest = sha256(layerTar);
        byte[] configJson = json(ordered(
                "architecture", architecture,
                "os", "linux",
                "created", CREATED,
                "config", ordered("Env", env, "Entrypoint", entrypoint, "Cmd", cmd, "Labels", labels),
                "rootfs", ordered("type", "layers", "diff_ids", List.of("sha256:" + layerDigest)),
                "history", List.of(ordered("created", CREATED, "created_by", "skiff"))));
        String configName = sha256(configJson) + ".json";
        String layerName = layerDigest + "/layer.tar";
        byte[] manifest = json(List.of(ordered(
                "Config", configName,
                "RepoTags", List.of(reference),
                "Layers", List.of(layerName))));
        return new TarWriter()
                .file("manifest.json", 0644, manifest)
                .file(configName, 0644, configJson)
                .directory(layerDigest, 0755)
                .file(layerName, 0644, layerTar)
                .finish();
    }

    /** Loads the archive into the engine, which tags the image with this archive's reference. */
    public void loadInto(DockerClient client) {
        byte[] archive = toBytes();
        try {
            client.loadImageAsyncCmd(new ByteArrayInputStream(archive)).exec(new LoadImageCallback()).awaitMessage();
        } catch (RuntimeException e) {
            throw DockerEngineException.of("load image " + reference, e);
        }
    }

    /** A JSON object with its keys in the given order, so that the bytes do not vary between runs. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
