package dev.skiff.apiserver.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.api.status.ApiException;
import dev.skiff.apiserver.registry.ObjectFilter;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.apiserver.storage.StorageKeys;
import dev.skiff.store.KeyValue;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One watch stream. Events are filtered (namespace, selectors, with Kubernetes' ADDED/DELETED on
 * selector transitions), queued up to a bound, and written on the connection's event loop as the
 * socket accepts them. A watcher that falls further behind than its queue is ended: the client
 * re-watches from the last resourceVersion it saw, and the others are not slowed down.
 */
public final class Watcher implements CacheSubscriber {

    /** The objects as the store holds them, rendered as nothing else (JSON, not a Table). */
    public static final UnaryOperator<ObjectNode> AS_STORED = UnaryOperator.identity();

    /** An event to send; {@code source} is the cached event it passes on unchanged, if it does. */
    private record Outgoing(String type, ObjectNode object, CachedEvent source) {

        Outgoing(String type, ObjectNode object) {
            this(type, object, null);
        }
    }

    private final ResourceType type;
    private final String namespace;
    private final String keyPrefix;
    private final ObjectFilter filter;
    private final boolean bookmarks;
    private final UnaryOperator<ObjectNode> render;
    private final long minRevision;
    private final Context context;
    private final HttpServerResponse response;
    private final BlockingQueue<Outgoing> queue;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean finishing;
    private volatile boolean closed;
    private final List<Runnable> closeActions = new CopyOnWriteArrayList<>();

    /**
     * @param minRevision events at or below this revision are skipped (already sent as initial state)
     * @param render      turns an object into what the client asked for: {@link #AS_STORED}, or a Table row
     */
    public Watcher(ResourceType type, String namespace, ObjectFilter filter, boolean bookmarks,
                   UnaryOperator<ObjectNode> render, int capacity, long minRevision, Context context,
                   HttpServerResponse response) {
        this.type = type;
        this.namespace = namespace;
        this.keyPrefix = StorageKeys.prefix(type, namespace);
        this.filter = filter;
        this.bookmarks = bookmarks;
        this.render = render;
        this.minRevision = minRevision;
        this.context = context;
        this.response = response;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** What to run when the stream ends (unsubscribe, close a store watch). */
    public void onClose(Runnable action) {
        closeActions.add(action);
        if (closed && closeActions.remove(action)) {
            action.run();
        }
    }

    /** Queues the initial ADDED event of an object that exists at the start of the watch. */
    public void initial(KeyValue object) {
        enqueue(new Outgoing("ADDED", null, CachedEvent.existing(object)));
    }

    /** Sends the bookmark that marks the end of the initial events (sendInitialEvents). */
    public void initialEventsEnd(long revision) {
        ObjectNode bookmark = bookmarkObject(revision);
        ObjectCodec.metadata(bookmark).putObject("annotations").put("k8s.io/initial-events-end", "true");
        enqueue(new Outgoing("BOOKMARK", bookmark));
    }

    @Override
    public void offer(CachedEvent event) {
        if (closed || event.revision() <= minRevision) {
            return;
        }
        if (namespace != null && !event.key().startsWith(keyPrefix)) {
            return;
        }
        String outType = event.type();
        if (!filter.matchesEverything()) {
            boolean now = filter.matches(event.object());
            boolean before = event.previous() != null && filter.matches(event.previous());
            outType = switch (event.type()) {
                case "ADDED" -> now ? "ADDED" : null;
                case "DELETED" -> now ? "DELETED" : null;
                default -> now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null;
            };
        }
        if (outType != null) {
            enqueue(new Outgoing(outType, null, event));
        }
    }

    @Override
    public void bookmark(long revision) {
        if (bookmarks) {
            enqueue(new Outgoing("BOOKMARK", bookmarkObject(revision)));
        }
    }

    /** Ends the stream with a 410 Expired error event: the client must list again. */
    @Override
    public void expire(String message) {
        ObjectNode status = Json.MAPPER.valueToTree(ApiException.gone(message).toStatus());
        queue.clear();
        queue.offer(new Outgoing("ERROR", status));
        finish();
    }

    /** Ends the stream after what is queued. */
    public void finish() {
        finishing = true;
        scheduleDrain();
    }

    /** Ends the stream now. */
    @Override
    public void close() {
        queue.clear();
        finish();
    }

    private ObjectNode bookmarkObject(long revision) {
        ObjectNode bookmark = Json.MAPPER.createObjectNode();
        bookmark.put("kind", type.kind());
        bookmark.put("apiVersion", type.apiVersion());
        bookmark.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return bookmark;
    }

    private void enqueue(Outgoing outgoing) {
        if (finishing) {
            return;
        }
        if (!queue.offer(outgoing)) {
            // Too slow: drop this watcher rather than buffer without bound.
            queue.clear();
            finish();
            return;
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        if (closed) {
            return;
        }
        while (!response.writeQueueFull()) {
            Outgoing next = queue.poll();
            if (next == null) {
                break;
            }
            response.write(serialize(next));
        }
        if (!queue.isEmpty()) {
            response.drainHandler(v -> scheduleDrain());
        } else if (finishing) {
            end();
        }
    }

    private Buffer serialize(Outgoing outgoing) {
        if (outgoing.source() != null && outgoing.type().equals(outgoing.source().type()) && render == AS_STORED) {
            return Buffer.buffer(outgoing.source().line());
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", outgoing.type());
        boolean plain = outgoing.type().equals("ERROR") || outgoing.type().equals("BOOKMARK");
        ObjectNode object = outgoing.source() != null ? outgoing.source().object() : outgoing.object();
        event.set("object", plain ? object : render.apply(object));
        try {
            Buffer buffer = Buffer.buffer(Json.MAPPER.writeValueAsBytes(event));
            return buffer.appendByte((byte) '\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize watch event", e);
        }
    }

    /** Called when the connection closed or the stream ended. */
    public void connectionClosed() {
        if (!closed) {
            closed = true;
            queue.clear();
            for (Runnable action : closeActions) {
                if (closeActions.remove(action)) {
                    action.run();
                }
            }
        }
    }

    private void end() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
        connectionClosed();
    }
}
