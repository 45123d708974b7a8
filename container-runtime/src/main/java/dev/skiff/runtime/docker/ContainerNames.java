package dev.skiff.runtime.docker;

import java.util.regex.Pattern;

/**
 * Docker names for sandboxes and app containers, in the scheme Kubernetes used with Docker:
 * {@code k8s_POD_<pod>_<namespace>_<uid>_<attempt>} and
 * {@code k8s_<container>_<pod>_<namespace>_<uid>_<attempt>}. Readable in {@code docker ps} and
 * unique per attempt; characters Docker does not allow in a name become {@code -}.
 */
final class ContainerNames {

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-zA-Z0-9_.-]");

    private ContainerNames() {
    }

    static String sandbox(String pod, String namespace, String uid, int attempt) {
        return "k8s_POD_" + part(pod) + "_" + part(namespace) + "_" + part(uid) + "_" + attempt;
    }

    static String container(String name, String pod, String namespace, String uid, int attempt) {
        return "k8s_" + part(name) + "_" + part(pod) + "_" + part(namespace) + "_" + part(uid) + "_" + attempt;
    }

    private static String part(String value) {
        return value == null ? "" : NOT_ALLOWED.matcher(value).replaceAll("-");
    }
}
