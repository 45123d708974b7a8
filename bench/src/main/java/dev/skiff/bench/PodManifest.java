package dev.skiff.bench;

/**
 * The pods the benchmark creates, named by index: a realistic manifest of about 1 KiB, with labels,
 * an annotation, and one container with ports, environment, resources and a probe.
 */
final class PodManifest {

    private static final String TEMPLATE = """
            {"apiVersion":"v1","kind":"Pod",\
            "metadata":{"name":"%1$s","namespace":"%2$s",\
            "labels":{"app":"bench-web","tier":"frontend","release":"r%3$d","skiff.dev/bench":"api"},\
            "annotations":{"skiff.dev/description":"created by ./skiff bench api to measure the api-server"}},\
            "spec":{"restartPolicy":"Always","terminationGracePeriodSeconds":30,\
            "containers":[{"name":"web","image":"skiff.local/nginx:1.27","imagePullPolicy":"IfNotPresent",\
            "args":["--listen=:8080","--log-format=json","--worker-connections=1024"],\
            "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},\
            {"name":"metrics","containerPort":9090,"protocol":"TCP"}],\
            "env":[{"name":"POD_ROLE","value":"frontend"},{"name":"LOG_LEVEL","value":"info"},\
            {"name":"CACHE_DIR","value":"/var/cache/web"}],\
            "resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"256Mi"}},\
            "volumeMounts":[{"name":"cache","mountPath":"/var/cache/web"}],\
            "readinessProbe":{"httpGet":{"path":"/healthz","port":8080},"initialDelaySeconds":2,"periodSeconds":10},\
            "livenessProbe":{"tcpSocket":{"port":8080},"periodSeconds":20}}],\
            "volumes":[{"name":"cache","emptyDir":{"sizeLimit":"1Gi"}}]}}""";

    private static final int RELEASES = 10;

    private PodManifest() {
    }

    static String name(int index) {
        return "bench-%06d".formatted(index);
    }

    static String json(String namespace, int index) {
        return TEMPLATE.formatted(name(index), namespace, index % RELEASES);
    }
}
