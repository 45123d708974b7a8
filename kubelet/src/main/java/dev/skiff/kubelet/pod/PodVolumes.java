package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A pod's volumes on this machine, under {@code <pods-dir>/<uid>/volumes/<name>}: emptyDir is a
 * directory that lives as long as the pod; hostPath is the host's own path; configMap and secret
 * are directories of files, one per key (or per item), written again when their data changed.
 */
public final class PodVolumes {

    private final KubernetesClient client;
    private final Path podsDir;

    public PodVolumes(KubernetesClient client, Path podsDir) {
        this.client = client;
        this.podsDir = podsDir;
    }

    /** Prepares every volume of the pod and returns each volume's host path, by volume name. */
    public Map<String, Path> prepare(Pod pod) throws ContainerConfigException {
        Map<String, Path> paths = new HashMap<>();
        Path volumesDir = podsDir.resolve(pod.getMetadata().getUid()).resolve("volumes");
        try {
            for (Volume volume : pod.getSpec().getVolumes()) {
                Path dir = volumesDir.resolve(volume.getName());
                if (volume.getEmptyDir() != null) {
                    Files.createDirectories(dir);
                    paths.put(volume.getName(), dir);
                } else if (volume.getHostPath() != null) {
                    Path host = Path.of(volume.getHostPath().getPath());
                    String type = volume.getHostPath().getType() == null ? "" : volume.getHostPath().getType();
                    if (type.equals("DirectoryOrCreate")) {
                        Files.createDirectories(host);
                    } else if (type.equals("Directory") && !Files.isDirectory(host)) {
                        throw new ContainerConfigException("hostPath type check failed: " + host + " is not a directory");
                    } else if (type.equals("File") && !Files.isRegularFile(host)) {
                        throw new ContainerConfigException("hostPath type check failed: " + host + " is not a file");
                    }
                    paths.put(volume.getName(), host);
                } else if (volume.getConfigMap() != null) {
                    var source = volume.getConfigMap();
                    ConfigMap map = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(source.getName()).get();
                    if (map == null && !Boolean.TRUE.equals(source.getOptional())) {
                        throw new ContainerConfigException("configmap \"" + source.getName() + "\" not found");
                    }
                    Map<String, byte[]> data = new LinkedHashMap<>();
                    if (map != null) {
                        if (map.getData() != null) {
                            map.getData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
                        }
                        if (map.getBinaryData() != null) {
                            map.getBinaryData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
                        }
                    }
                    writeFiles(dir, data, source.getItems(), source.getDefaultMode());
                    paths.put(volume.getName(), dir);
                } else if (volume.getSecret() != null) {
                    var source = volume.getSecret();
                    Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace()).withName(source.getSecretName()).get();
                    if (secret == null && !Boolean.TRUE.equals(source.getOptional())) {
                        throw new ContainerConfigException("secret \"" + source.getSecretName() + "\" not found");
                    }
                    Map<String, byte[]> data = new LinkedHashMap<>();
                    if (secret != null) {
                        if (secret.getData() != null) {
                            secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
                        }
                        if (secret.getStringData() != null) {
                            secret.getStringData().forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                    writeFiles(dir, data, source.getItems(), source.getDefaultMode());
                    paths.put(volume.getName(), dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the volumes of pod " + pod.getMetadata().getNamespace()
                    + "/" + pod.getMetadata().getName(), e);
        }
        return paths;
    }

    /** Whether a volume is one Kubernetes always mounts read-only (configMap, secret). */
    public static boolean readOnlyVolume(Pod pod, String volumeName) {
        return pod.getSpec().getVolumes().stream()
                .anyMatch(v -> v.getName().equals(volumeName) && (v.getConfigMap() != null || v.getSecret() != null));
    }

    /** Deletes everything the kubelet kept for the pod. */
    public void remove(String podUid) {
        Path dir = podsDir.resolve(podUid);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + dir, e);
        }
    }

    private static void writeFiles(Path dir, Map<String, byte[]> data, List<KeyToPath> items, Integer defaultMode) throws IOException {
        Files.createDirectories(dir);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, Integer> modes = new HashMap<>();
        if (items == null || items.isEmpty()) {
            files.putAll(data);
        } else {
            for (KeyToPath item : items) {
                if (data.containsKey(item.getKey())) {
                    files.put(item.getPath(), data.get(item.getKey()));
                    if (item.getMode() != null) {
                        modes.put(item.getPath(), item.getMode());
                    }
                }
            }
        }
        int mode = defaultMode == null ? 0644 : defaultMode;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey()).normalize();
            if (!target.startsWith(dir)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), file.getValue())) {
                continue;
            }
            Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.write(temporary, file.getValue());
            Files.setPosixFilePermissions(temporary, permissions(modes.getOrDefault(file.getKey(), mode)));
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        try (Stream<Path> existing = Files.list(dir)) {
            for (Path path : existing.toList()) {
                if (Files.isRegularFile(path) && !files.containsKey(path.getFileName().toString())) {
                    Files.delete(path);
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
