package dev.skiff.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class ImageArchiveTest {

    private static Map<String, byte[]> entries(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), tar.readAllBytes());
            }
        }
        return entries;
    }

    private static String sha256(byte[] content) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void isInTheFormatDockerLoadReadsWithContentAddressedNamesAndAFixedKeyOrder() throws Exception {
        byte[] archive = new ImageArchive("skiff.local/sample")
                .entrypoint("/pause")
                .label("k", "v")
                .file("pause", 0755, new byte[] {1, 2, 3})
                .toBytes();

        Map<String, byte[]> entries = entries(archive);
        assertThat(entries.keySet()).hasSize(4).first().isEqualTo("manifest.json");
        String configName = entries.keySet().stream().filter(name -> name.endsWith(".json") && !name.equals("manifest.json"))
                .findFirst().orElseThrow();
        String layerName = entries.keySet().stream().filter(name -> name.endsWith("/layer.tar")).findFirst().orElseThrow();
        byte[] config = entries.get(configName);
        byte[] layer = entries.get(layerName);

        assertThat(configName).isEqualTo(sha256(config) + ".json");
        assertThat(layerName).isEqualTo(sha256(layer) + "/layer.tar");
        assertThat(new String(entries.get("manifest.json"), StandardCharsets.UTF_8)).isEqualTo(
                "[{\"Config\":\"" + configName + "\",\"RepoTags\":[\"skiff.local/sample:latest\"],\"Layers\":[\"" + layerName + "\"]}]");
        assertThat(new String(config, StandardCharsets.UTF_8)).isEqualTo(
                "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"1970-01-01T00:00:00Z\","
                        + "\"config\":{\"Env\":[],\"Entrypoint\":[\"/pause\"],\"Cmd\":null,\"Labels\":{\"k\":\"v\"}},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + sha256(layer) + "\"]},"
                        + "\"history\":[{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"skiff\"}]}");
        assertThat(entries(layer)).containsOnlyKeys("pause");
    }
}
