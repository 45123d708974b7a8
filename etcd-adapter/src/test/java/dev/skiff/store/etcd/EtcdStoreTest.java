package dev.skiff.store.etcd;

import dev.skiff.store.Store;
import dev.skiff.store.StoreContractTest;
import dev.skiff.store.testing.EtcdServerExtension;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract on a real etcd member, one per class. */
class EtcdStoreTest extends StoreContractTest {

    @RegisterExtension
    static final EtcdServerExtension ETCD = new EtcdServerExtension();

    @Override
    protected Store newStore() {
        return new EtcdStore(List.of(ETCD.endpoint()));
    }
}
