package dev.skiff.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.json.Json;
import dev.skiff.api.resource.ResourceType;
import dev.skiff.apiserver.registry.ResourceLister;
import dev.skiff.apiserver.storage.ObjectCodec;
import dev.skiff.store.KeyValue;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * The body of a list answer ({@code PodList}, …). As JSON it is made from the stored bytes of its
 * items, each with its resourceVersion spliced in: no item is decoded and serialized again.
 */
final class ListBodies {

    /** A generous guess at what the list's header and each item's resourceVersion add. */
    private static final int OVERHEAD = 256;
    private static final int PER_ITEM_OVERHEAD = 40;

    private ListBodies() {
    }

    /** The list without its items: kind, apiVersion, and metadata with resourceVersion and continue. */
    static ObjectNode header(ResourceType type, ResourceLister.Page page) {
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(page.revision()));
        if (page.continueToken() != null) {
            meta.put("continue", page.continueToken());
        }
        return list;
    }

    /** The whole list as JSON: the header, then {@code "items":[…]} from the stored bytes. */
    static Buffer json(ResourceType type, ResourceLister.Page page) {
        int size = OVERHEAD;
        for (KeyValue kv : page.items()) {
            size += kv.value().length + PER_ITEM_OVERHEAD;
        }
        Buffer body = Buffer.buffer(size);
        try {
            byte[] header = Json.MAPPER.writeValueAsBytes(header(type, page));
            // the header object without its closing brace, then the items as its last field
            body.appendBytes(header, 0, header.length - 1).appendString(",\"items\":[");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize the header of a " + type.listKind(), e);
        }
        for (int i = 0; i < page.items().size(); i++) {
            KeyValue kv = page.items().get(i);
            if (i > 0) {
                body.appendByte((byte) ',');
            }
            body.appendBytes(ObjectCodec.withResourceVersion(kv.value(), kv.modRevision()));
        }
        return body.appendString("]}");
    }
}
