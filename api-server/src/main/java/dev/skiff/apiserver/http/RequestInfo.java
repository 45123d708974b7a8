package dev.skiff.apiserver.http;

/**
 * What a request under {@code /api} or {@code /apis} addresses, as Kubernetes' RequestInfo.
 *
 * @param group       API group, "" for core
 * @param version     API version; null for group discovery ({@code /apis/apps})
 * @param resource    plural resource name; null for discovery
 * @param namespace   namespace from the path, or null
 * @param name        object name, or null for a collection
 * @param subresource e.g. "status", or null
 * @param watchPath   true for the legacy {@code /watch/} paths
 */
public record RequestInfo(String group, String version, String resource, String namespace, String name,
                          String subresource, boolean watchPath) {

    public boolean isDiscovery() {
        return resource == null;
    }
}
