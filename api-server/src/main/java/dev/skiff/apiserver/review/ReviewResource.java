package dev.skiff.apiserver.review;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The review resources of {@code authorization.k8s.io} and {@code authentication.k8s.io}: create-only
 * questions to the server (may this user do that? who am I?) answered at once and never stored, so
 * they stand outside the registry of stored resources (no storage, watch cache or topic).
 */
public enum ReviewResource {

    SELF_SUBJECT_ACCESS_REVIEW(Groups.AUTHORIZATION, "SelfSubjectAccessReview", "selfsubjectaccessreviews", false),
    SUBJECT_ACCESS_REVIEW(Groups.AUTHORIZATION, "SubjectAccessReview", "subjectaccessreviews", false),
    LOCAL_SUBJECT_ACCESS_REVIEW(Groups.AUTHORIZATION, "LocalSubjectAccessReview", "localsubjectaccessreviews", true),
    SELF_SUBJECT_RULES_REVIEW(Groups.AUTHORIZATION, "SelfSubjectRulesReview", "selfsubjectrulesreviews", false),
    SELF_SUBJECT_REVIEW(Groups.AUTHENTICATION, "SelfSubjectReview", "selfsubjectreviews", false);

    public static final String VERSION = "v1";

    private final String group;
    private final String kind;
    private final String plural;
    private final boolean namespaced;

    ReviewResource(String group, String kind, String plural, boolean namespaced) {
        this.group = group;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    public static Optional<ReviewResource> find(String group, String version, String plural) {
        return Arrays.stream(values())
                .filter(r -> r.group.equals(group) && VERSION.equals(version) && r.plural.equals(plural))
                .findFirst();
    }

    /** The groups that hold review resources, in the order discovery lists them. */
    public static List<String> groups() {
        return List.of(Groups.AUTHENTICATION, Groups.AUTHORIZATION);
    }

    public static List<ReviewResource> inGroupVersion(String group, String version) {
        return Arrays.stream(values()).filter(r -> r.group.equals(group) && VERSION.equals(version)).toList();
    }

    public String group() {
        return group;
    }

    public String kind() {
        return kind;
    }

    public String plural() {
        return plural;
    }

    public boolean namespaced() {
        return namespaced;
    }

    public String apiVersion() {
        return group + "/" + VERSION;
    }

    private static final class Groups {
        static final String AUTHORIZATION = "authorization.k8s.io";
        static final String AUTHENTICATION = "authentication.k8s.io";
    }
}
