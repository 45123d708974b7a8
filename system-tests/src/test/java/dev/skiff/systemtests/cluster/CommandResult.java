package dev.skiff.systemtests.cluster;

/** What one command printed and how it ended. */
record CommandResult(String command, int exitCode, String stdout, String stderr) {

    boolean ok() {
        return exitCode == 0;
    }

    /** Its standard output; fails the test with everything it printed unless it exited 0. */
    String stdoutIfOk() {
        if (!ok()) {
            throw new AssertionError(this.toString());
        }
        return stdout;
    }

    @Override
    public String toString() {
        return command + ": exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
    }
}
