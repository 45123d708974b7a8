package dev.skiff.apiserver;

/** Small manifests the api-server tests send. */
final class Manifests {

    private Manifests() {
    }

    static String pod(String name) {
        return pod(name, "skiff.local/busybox:1");
    }

    static String pod(String name, String image) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"main","image":"%s"}]}}
                """.formatted(name, image);
    }

    static String namespace(String name) {
        return """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"}}
                """.formatted(name);
    }

    static String deployment(String name, int replicas) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%1$s"},
                 "spec":{"replicas":%2$d,"selector":{"matchLabels":{"app":"%1$s"}},
                  "template":{"metadata":{"labels":{"app":"%1$s"}},
                   "spec":{"containers":[{"name":"main","image":"skiff.local/busybox:1"}]}}}}
                """.formatted(name, replicas);
    }

    static String configMap(String name, String key, String value) {
        return """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"},"data":{"%s":"%s"}}
                """.formatted(name, key, value);
    }
}
