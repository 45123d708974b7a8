package dev.skiff.apiserver.http;

import dev.skiff.api.status.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Kubernetes API path into a {@link RequestInfo}, following the rules of Kubernetes'
 * RequestInfoFactory: {@code /api/v1/namespaces/NS/RESOURCE/NAME/SUB}, {@code /apis/G/V/...},
 * the legacy {@code /watch/} prefix, and {@code namespaces/NAME[/status|/finalize]} addressing a
 * namespace itself.
 */
public final class RequestInfoParser {

    private RequestInfoParser() {
    }

    public static RequestInfo parse(String path) {
        List<String> parts = split(path);
        if (parts.isEmpty()) {
            throw notFound(path);
        }
        String group;
        String version = null;
        int i;
        if (parts.get(0).equals("api")) {
            group = "";
            if (parts.size() < 2) {
                return new RequestInfo("", null, null, null, null, null, false);
            }
            version = parts.get(1);
            i = 2;
        } else if (parts.get(0).equals("apis")) {
            if (parts.size() < 2) {
                return new RequestInfo(null, null, null, null, null, null, false);
            }
            group = parts.get(1);
            if (parts.size() < 3) {
                return new RequestInfo(group, null, null, null, null, null, false);
            }
            version = parts.get(2);
            i = 3;
        } else {
            throw notFound(path);
        }
        List<String> rest = parts.subList(i, parts.size());
        boolean watch = false;
        if (!rest.isEmpty() && rest.get(0).equals("watch")) {
            watch = true;
            rest = rest.subList(1, rest.size());
        }
        if (rest.isEmpty()) {
            if (watch) {
                throw notFound(path);
            }
            return new RequestInfo(group, version, null, null, null, null, false);
        }
        String namespace = null;
        if (rest.get(0).equals("namespaces") && rest.size() >= 2) {
            namespace = rest.get(1);
            boolean namespaceItself = rest.size() == 2
                    || (rest.size() == 3 && (rest.get(2).equals("status") || rest.get(2).equals("finalize")));
            if (!namespaceItself) {
                rest = rest.subList(2, rest.size());
            } else {
                String sub = rest.size() == 3 ? rest.get(2) : null;
                return new RequestInfo(group, version, "namespaces", null, namespace, sub, watch);
            }
        }
        if (rest.size() > 3) {
            throw notFound(path);
        }
        String resource = rest.get(0);
        String name = rest.size() > 1 ? rest.get(1) : null;
        String sub = rest.size() > 2 ? rest.get(2) : null;
        return new RequestInfo(group, version, resource, namespace, name, sub, watch);
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts;
    }

    private static ApiException notFound(String path) {
        return new ApiException(404, "NotFound", "the server could not find the requested resource (" + path + ")");
    }
}
