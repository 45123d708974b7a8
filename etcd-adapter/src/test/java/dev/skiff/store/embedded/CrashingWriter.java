package dev.skiff.store.embedded;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link EmbeddedStoreDurabilityTest}: creates keys in the store at the path
 * given, one after another, printing "ack KEY" once each create has returned, until it is killed.
 */
public final class CrashingWriter {

    static final String PREFIX = "/registry/crash/";

    private CrashingWriter() {
    }

    public static void main(String[] args) {
        EmbeddedStore store = new EmbeddedStore(Path.of(args[0]));
        for (long i = 0; ; i++) {
            String key = PREFIX + i;
            store.create(key, ("value " + i).getBytes(StandardCharsets.UTF_8), 0);
            System.out.println("ack " + key);
            System.out.flush();
        }
    }
}
