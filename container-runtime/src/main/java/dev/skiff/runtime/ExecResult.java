package dev.skiff.runtime;

/** What a command run in a container gave: exit code and output (stdout then stderr, truncated), or that it timed out. */
public record ExecResult(int exitCode, String output, boolean timedOut) {
}
