package dev.skiff.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Hands out TCP ports free on 127.0.0.1: any the kernel picks, or the free ones upwards from a base. */
final class PortAllocator {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int LAST_PORT = 65535;
    private static final int CONSECUTIVE_ATTEMPTS = 100;

    private final Set<Integer> handedOut = new HashSet<>();
    /** The next port to try, or 0 to let the kernel pick. */
    private int nextCandidate;

    private PortAllocator(int firstCandidate) {
        this.nextCandidate = firstCandidate;
    }

    static PortAllocator anyFree() {
        return new PortAllocator(0);
    }

    static PortAllocator from(int base) {
        return new PortAllocator(base);
    }

    /** A port nobody listens on now and that this allocator has not handed out before. */
    synchronized int next() {
        while (nextCandidate <= LAST_PORT) {
            int port = nextCandidate == 0 ? kernelPicked() : ifFree(nextCandidate++);
            if (port > 0 && handedOut.add(port)) {
                return port;
            }
        }
        throw new BenchFailure("no free port on 127.0.0.1 from --port-base upwards: pick a lower --port-base");
    }

    /**
     * The first of COUNT consecutive ports that are all free now and not handed out before, for what
     * takes a port and the ones after it (etcd's peer port, Kafka's controller port, one kubelet per node).
     */
    synchronized int consecutive(int count) {
        for (int attempt = 0; attempt < CONSECUTIVE_ATTEMPTS; attempt++) {
            int first = next();
            if (first + count - 1 > LAST_PORT) {
                continue;
            }
            boolean allFree = true;
            for (int port = first + 1; port < first + count && allFree; port++) {
                allFree = !handedOut.contains(port) && ifFree(port) == port;
            }
            if (allFree) {
                for (int port = first + 1; port < first + count; port++) {
                    handedOut.add(port);
                }
                return first;
            }
        }
        throw new BenchFailure("found no " + count + " consecutive free ports on 127.0.0.1 in " + CONSECUTIVE_ATTEMPTS
                + " attempts: stop what holds many loopback ports, then run the benchmark again");
    }

    private static int kernelPicked() {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a socket on 127.0.0.1", e);
        }
    }

    /** The port itself when free, 0 when something listens on it. */
    private static int ifFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, LOOPBACK)) {
            return socket.getLocalPort();
        } catch (IOException inUse) {
            return 0;
        }
    }
}
