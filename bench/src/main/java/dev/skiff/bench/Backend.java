package dev.skiff.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The api-server's store backends, named as its {@code skiff.store.backend} setting names them. */
enum Backend {
    EMBEDDED,
    ETCD;

    /** The value of {@code SKIFF_STORE_BACKEND}, also the prefix of this backend's RESULT keys. */
    String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Backend fromConfigName(String name) {
        return Arrays.stream(values())
                .filter(backend -> backend.configName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + name + "': the backends are "
                        + Arrays.stream(values()).map(Backend::configName).collect(Collectors.joining(", "))));
    }
}
