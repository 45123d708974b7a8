package dev.skiff.runtime;

/**
 * How to join a running container's main process as {@code kubectl attach} asks for it, CRI's
 * AttachRequest.
 *
 * @param stdin whether the caller writes the process's stdin ({@link ExecStream#writeStdin})
 * @param tty   whether the container runs on a terminal: its output then comes as one stream (stdout)
 *              and the terminal can be resized ({@link ExecStream#resize})
 */
public record AttachRequest(boolean stdin, boolean tty) {
}
