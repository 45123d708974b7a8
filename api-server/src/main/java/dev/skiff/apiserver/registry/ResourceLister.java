package dev.skiff.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.apiserver.storage.ResourceStorage;
import dev.skiff.apiserver.storage.StorageKeys;
import dev.skiff.store.KeyValue;
import dev.skiff.store.ListResult;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists with Kubernetes' semantics: one consistent revision across pages, selectors applied
 * before the limit (a page holds up to {@code limit} matching objects), and a continue token when
 * more may follow.
 */
@ApplicationScoped
public class ResourceLister {

    /** Keys read from the store per round while filling a page. */
    private static final int SCAN_CHUNK = 500;

    private final ResourceStorage storage;

    public ResourceLister(ResourceStorage storage) {
        this.storage = storage;
    }

    /**
     * A page of a list: the matching objects as stored (without resourceVersion: it is each item's
     * modRevision), so that a list needs not decode what it only passes on. {@code continueToken}
     * is null on the last page.
     */
    public record Page(List<KeyValue> items, long revision, String continueToken) {

        /** The items decoded, each with its resourceVersion. */
        public List<ObjectNode> objects() {
            return items.stream().map(ObjectCodec::decode).toList();
        }
    }

    public Page list(ResourceType type, String namespace, ObjectFilter filter, int limit, String continueToken) {
        String prefix = StorageKeys.prefix(type, namespace);
        long revision = 0;
        String start = null;
        if (continueToken != null && !continueToken.isEmpty()) {
            ContinueToken token = ContinueToken.decode(continueToken, prefix);
            revision = token.revision();
            start = token.startKey();
        }
        List<KeyValue> items = new ArrayList<>();
        while (true) {
            int want = limit <= 0 ? (filter.matchesEverything() ? 0 : SCAN_CHUNK)
                    : (filter.matchesEverything() ? limit - items.size() : Math.max(SCAN_CHUNK, limit));
            ListResult result = storage.list(prefix, revision, start, want);
            revision = result.revision();
            for (int i = 0; i < result.items().size(); i++) {
                KeyValue kv = result.items().get(i);
                if (filter.matchesEverything() || filter.matches(ObjectCodec.decode(kv))) {
                    items.add(kv);
                }
                if (limit > 0 && items.size() == limit) {
                    boolean more = i < result.items().size() - 1 || result.more();
                    String next = more ? new ContinueToken(revision, kv.key() + '\0').encode() : null;
                    return new Page(items, revision, next);
                }
            }
            if (!result.more() || result.items().isEmpty()) {
                return new Page(items, revision, null);
            }
            start = result.items().get(result.items().size() - 1).key() + '\0';
        }
    }
}
