package dev.skiff.bench;

import java.util.List;

/** What the pod API gave on one store backend. */
record BackendResults(Backend backend, Measurement create, Measurement get, Measurement list, Measurement pagedList) {

    List<Measurement> measurements() {
        return List.of(create, get, list, pagedList);
    }

    /** Creates per second over raw etcd puts per second. */
    double createToPutRatio(Measurement rawPut) {
        return create.opsPerSecond() / rawPut.opsPerSecond();
    }
}
