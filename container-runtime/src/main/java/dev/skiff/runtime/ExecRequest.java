package dev.skiff.runtime;

import java.util.List;

/**
 * A command to run in a container as {@code kubectl exec} asks for it, CRI's ExecRequest.
 *
 * @param command the command and its arguments
 * @param stdin   whether the command reads a stdin the caller writes ({@link ExecStream#writeStdin})
 * @param tty     whether the command runs on a terminal: its output then comes as one stream
 *                (stdout) and the terminal can be resized ({@link ExecStream#resize})
 */
public record ExecRequest(List<String> command, boolean stdin, boolean tty) {

    public ExecRequest {
        command = List.copyOf(command);
    }

    /** A command with output only, no stdin and no terminal. */
    public static ExecRequest of(List<String> command) {
        return new ExecRequest(command, false, false);
    }
}
