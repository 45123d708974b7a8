package dev.skiff.kubelet.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import java.io.IOException;

/** A terminal size as kubectl sends it on the resize channel: {@code {"Width":80,"Height":24}}. */
record TerminalSize(int width, int height) {

    /** The size, or null when the message is not one (not JSON, or a dimension missing or not positive). */
    static TerminalSize parse(byte[] json) {
        try {
            JsonNode size = Json.MAPPER.readTree(json);
            int width = size == null ? 0 : size.path("Width").asInt(0);
            int height = size == null ? 0 : size.path("Height").asInt(0);
            return width > 0 && height > 0 ? new TerminalSize(width, height) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
