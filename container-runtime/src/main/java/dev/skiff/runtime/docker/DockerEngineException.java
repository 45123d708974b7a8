package dev.skiff.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A call to the Docker engine failed. The message is what was being done and the engine's own
 * reason (e.g. {@code start container 3f2a…: OCI runtime create failed: …}); {@link #status()} is
 * the HTTP status the engine answered with, 0 when it could not be reached.
 */
public class DockerEngineException extends RuntimeException {

    private static final Pattern STATUS_PREFIX = Pattern.compile("^Status \\d+: ", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final String reason;

    DockerEngineException(String action, int status, String reason, Throwable cause) {
        super(action + ": " + reason, cause);
        this.status = status;
        this.reason = reason;
    }

    /** Wraps a failure of docker-java or its transport. */
    static DockerEngineException of(String action, Throwable failure) {
        if (failure instanceof DockerEngineException known) {
            return known;
        }
        int status = failure instanceof DockerException docker ? docker.getHttpStatus() : 0;
        return new DockerEngineException(action, status, reason(failure), failure);
    }

    public int status() {
        return status;
    }

    /** The engine's reason alone, without what was being done. */
    public String reason() {
        return reason;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /** The engine is removing the container already, for another caller: it will be gone, as with Kubernetes' dockershim. */
    public boolean isRemovalInProgress() {
        return status == 409 && reason.contains("is already in progress");
    }

    /**
     * docker-java puts the engine's JSON body in the message behind {@code Status NNN: }; the
     * reason is its {@code message} field. Transport failures carry theirs in the cause.
     */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getMessage() == null && root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null) {
            return root.getClass().getSimpleName();
        }
        Matcher prefix = STATUS_PREFIX.matcher(message);
        return reasonIn(prefix.find() ? message.substring(prefix.end()) : message);
    }

    /** The engine's reason in the body of an error answer: its JSON's {@code message}, or else the body itself. */
    static String reasonIn(String answer) {
        String body = answer.trim();
        if (body.startsWith("{")) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json.hasNonNull("message")) {
                    return json.get("message").asText();
                }
            } catch (IOException notJson) {
                return body;
            }
        }
        return body;
    }
}
