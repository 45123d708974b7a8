package dev.skiff.runtime.docker.http;

import java.io.IOException;
import java.io.InputStream;
import org.jboss.logging.Logger;

/**
 * Copies a hijacked call's stdin to the engine on a thread of its own while the caller reads the
 * output, then half-closes the connection, which the engine passes on to the command as the end of
 * its stdin. A connection that closes first ends the copy; the source must end (EOF) when the call
 * does, or the thread waits on it.
 */
final class StdinPump implements Runnable {

    private static final Logger LOG = Logger.getLogger(StdinPump.class);
    private static final int BUFFER = 8 * 1024;

    private final InputStream stdin;
    private final EngineSocket socket;
    private final String call;

    private StdinPump(InputStream stdin, EngineSocket socket, String call) {
        this.stdin = stdin;
        this.socket = socket;
        this.call = call;
    }

    static void start(InputStream stdin, EngineSocket socket, String call) {
        Thread thread = new Thread(new StdinPump(stdin, socket, call), "skiff-docker-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        byte[] buffer = new byte[BUFFER];
        try (stdin) {
            for (int n = stdin.read(buffer); n >= 0; n = stdin.read(buffer)) {
                socket.output().write(buffer, 0, n);
            }
            socket.endOutput();
        } catch (IOException e) {
            LOG.debugf("stdin of %s ended: %s", call, e.getMessage());
        }
    }
}
