package dev.skiff.controllers.replicaset;

import dev.skiff.api.selector.LabelSelector;
import dev.skiff.api.selector.SelectorException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the controllers that make pods from a template (ReplicaSet, Job) share: the threads that
 * create and delete pods in parallel, the selector that picks an owner's pods, and the message of a
 * failed write for events and logs.
 */
public final class PodWriters {

    private static final Logger LOG = Logger.getLogger(PodWriters.class);
    private static final int THREADS = 16;

    private PodWriters() {
    }

    /** Up to 16 daemon threads named {@code <controller>-pod-writer-N}, gone when idle for 30 s. */
    public static ExecutorService start(String controller) {
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor writers = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, controller + "-pod-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        writers.allowCoreThreadTimeOut(true);
        return writers;
    }

    /**
     * The OWNER's pod selector (SELECTOR, unset meaning everything); null, after saying why, when it
     * is empty or malformed, as nothing may be selected then.
     */
    public static LabelSelector selectorOf(HasMetadata owner, io.fabric8.kubernetes.api.model.LabelSelector selector) {
        String what = owner.getKind().toLowerCase() + " " + owner.getMetadata().getNamespace() + "/" + owner.getMetadata().getName();
        try {
            LabelSelector parsed = selector == null ? LabelSelector.everything() : LabelSelector.from(selector);
            if (parsed.isEmpty()) {
                LOG.warnf("%s: its selector is empty; it would select every pod, so it is left alone", what);
                return null;
            }
            return parsed;
        } catch (SelectorException e) {
            LOG.warnf("%s: its selector is invalid, so it is left alone: %s", what, e.getMessage());
            return null;
        }
    }

    /** The api-server's message for a failed call (its Status), else the exception's. */
    public static String message(Exception e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getStatus().getMessage();
        }
        return String.valueOf(e.getMessage());
    }
}
