package dev.skiff.apiserver.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.status.ApiException;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;

/** A kubelet's error answers as the api-server passes them on. */
final class KubeletErrors {

    private KubeletErrors() {
    }

    /** Whether the answer is a Kubernetes Status, which is passed on as it is. */
    static boolean isStatus(Buffer body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body.getBytes());
            return node != null && node.isObject() && "Status".equals(node.path("kind").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** A kubelet answer that is not a Status, as one: its code (500 if not an error code) and its text. */
    static ApiException of(KubeletEndpoint kubelet, int code, String text) {
        String message = text.isEmpty() || code < 400
                ? "the kubelet of node \"" + kubelet.node() + "\" at " + kubelet.authority() + " answered " + code
                : text;
        if (code < 400) {
            return ApiException.internal(message);
        }
        return new ApiException(code, reason(code), message);
    }

    /** Kubernetes' reason for an HTTP error code, as its api-server names one it got from elsewhere. */
    private static String reason(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> code < 500 ? "BadRequest" : "InternalError";
        };
    }
}
