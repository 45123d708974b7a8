package dev.skiff.apiserver.http;

import dev.skiff.api.patch.PatchType;
import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.StatusDetailsBuilder;
import io.vertx.core.http.HttpMethod;

/**
 * A write's field manager, as Kubernetes names it: the {@code fieldManager} query parameter
 * (kubectl sends one per command: {@code kubectl-create}, {@code kubectl-edit}, …), else the
 * client's User-Agent up to its first {@code /} ({@code fabric8-kubernetes-client}).
 */
final class FieldManagers {

    private static final int MAX_LENGTH = 128;

    private FieldManagers() {
    }

    static String of(QueryParams query, String userAgent) {
        String named = query.get("fieldManager");
        if (named != null && !named.isEmpty()) {
            if (named.length() > MAX_LENGTH) {
                throw invalid("fieldManager", "FieldValueTooLong", "Too long: may not be longer than " + MAX_LENGTH);
            }
            return named;
        }
        if (userAgent == null || userAgent.isBlank()) {
            return "unknown";
        }
        String prefix = userAgent.split("/", 2)[0].trim();
        return prefix.length() > MAX_LENGTH ? prefix.substring(0, MAX_LENGTH) : prefix;
    }

    /** A server-side apply must name its manager: it is whose fields the configuration's are. */
    static void requireForApply(QueryParams query) {
        String named = query.get("fieldManager");
        if (named == null || named.isEmpty()) {
            throw invalid("fieldManager", "FieldValueRequired", "Required value: is required for apply patch");
        }
    }

    /**
     * The {@code force} parameter, which means something to a server-side apply only: on any other
     * write (a create, an update, another patch, on any subresource) it is a 422.
     */
    static boolean force(QueryParams query, HttpMethod method, String contentType) {
        boolean force = query.flag("force");
        boolean write = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        if (force && write && PatchType.fromContentType(contentType).orElse(null) != PatchType.APPLY) {
            throw invalid("force", "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch");
        }
        return force;
    }

    private static ApiException invalid(String field, String cause, String what) {
        return new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: " + field + ": " + what,
                new StatusDetailsBuilder().withGroup("meta.k8s.io").withKind("PatchOptions")
                        .withCauses(new StatusCauseBuilder().withReason(cause)
                                .withMessage(what).withField(field).build())
                        .build());
    }
}
