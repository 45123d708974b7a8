package dev.skiff.apiserver.storage;

import dev.skiff.api.resource.ResourceType;

/** Store keys as Kubernetes lays them out: {@code /registry/<plural>/<namespace>/<name>}. */
public final class StorageKeys {

    private static final String ROOT = "/registry/";

    private StorageKeys() {
    }

    public static String key(ResourceType type, String namespace, String name) {
        return type.namespaced() ? ROOT + type.plural() + "/" + namespace + "/" + name : ROOT + type.plural() + "/" + name;
    }

    /** Prefix of every object of the type, or of those in one namespace when {@code namespace} is not null. */
    public static String prefix(ResourceType type, String namespace) {
        return type.namespaced() && namespace != null ? ROOT + type.plural() + "/" + namespace + "/" : ROOT + type.plural() + "/";
    }
}
