package dev.skiff.runtime.docker;

import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects an exec's stdout and stderr as they arrive, keeping at most a given number of bytes. */
final class OutputCollector extends StreamCallback<Frame> {

    private final int limit;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    OutputCollector(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        int room = limit - output.size();
        if (room > 0) {
            output.write(payload, 0, Math.min(room, payload.length));
        }
    }

    synchronized String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
