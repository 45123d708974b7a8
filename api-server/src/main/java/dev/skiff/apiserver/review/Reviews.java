package dev.skiff.apiserver.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.status.ApiException;
import dev.skiff.api.validation.FieldError;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Answers the review resources as a Kubernetes api-server does with authentication off and
 * authorization mode {@code AlwaysAllow}, which is what Skiff is until it has both: every request
 * is the anonymous user's ({@code system:anonymous}, group {@code system:unauthenticated}) and every
 * request is allowed. So {@code kubectl auth can-i} says yes, {@code kubectl auth can-i --list}
 * shows {@code *.*}, {@code kubectl auth whoami} names the anonymous user, and tools that ask before
 * they act (dashboards, CI deployers) see what they may do. The request is checked as Kubernetes
 * checks it and answered with its spec and a status; nothing is stored.
 *
 * <p>The objects are JSON trees, not fabric8 types: fabric8's authorization and authentication
 * model modules are not among the artifacts this project can fetch.
 */
@ApplicationScoped
public class Reviews {

    private static final String ANONYMOUS_USER = "system:anonymous";
    private static final String ANONYMOUS_GROUP = "system:unauthenticated";
    private static final String EVERYTHING = "*";

    /**
     * The answer to a create of {@code review} in the namespace from the path (null for a
     * cluster-scoped review); {@code body} has been checked to be of the review's kind.
     */
    public ObjectNode answer(ReviewResource review, String namespace, ObjectNode body) {
        ObjectNode spec = spec(review, body);
        List<FieldError> errors = new ArrayList<>();
        checkMetadata(review, body, errors);
        switch (review) {
            case SELF_SUBJECT_ACCESS_REVIEW -> checkAttributes(spec, errors);
            case SUBJECT_ACCESS_REVIEW -> {
                checkAttributes(spec, errors);
                if (text(spec, "user").isEmpty() && !spec.path("groups").elements().hasNext()) {
                    errors.add(FieldError.invalid("spec.user", text(spec, "user"), "at least one of user or group must be specified"));
                }
            }
            case LOCAL_SUBJECT_ACCESS_REVIEW -> {
                if (spec.has("nonResourceAttributes")) {
                    errors.add(FieldError.invalid("spec.nonResourceAttributes", spec.get("nonResourceAttributes").toString(),
                            "disallowed on this kind of request"));
                }
                checkAttributes(spec, errors);
            }
            case SELF_SUBJECT_RULES_REVIEW, SELF_SUBJECT_REVIEW -> {
                // nothing to check beyond the metadata
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(review.group(), review.kind(), "", errors);
        }
        if (review == ReviewResource.LOCAL_SUBJECT_ACCESS_REVIEW) {
            ObjectNode attributes = (ObjectNode) spec.get("resourceAttributes");
            String asked = text(attributes, "namespace");
            if (asked.isEmpty()) {
                attributes.put("namespace", namespace);
            } else if (!asked.equals(namespace)) {
                throw ApiException.badRequest("spec.resourceAttributes.namespace must match namespace: " + namespace);
            }
        }
        ObjectNode answer = body.objectNode();
        answer.put("apiVersion", review.apiVersion());
        answer.put("kind", review.kind());
        answer.set("metadata", body.path("metadata").isObject() ? body.get("metadata") : body.objectNode());
        if (review != ReviewResource.SELF_SUBJECT_REVIEW) {
            answer.set("spec", spec);
        }
        answer.set("status", status(review, spec));
        return answer;
    }

    private static ObjectNode status(ReviewResource review, ObjectNode spec) {
        ObjectNode status = spec.objectNode();
        switch (review) {
            case SELF_SUBJECT_ACCESS_REVIEW, SUBJECT_ACCESS_REVIEW, LOCAL_SUBJECT_ACCESS_REVIEW -> status.put("allowed", true);
            case SELF_SUBJECT_RULES_REVIEW -> {
                ObjectNode resources = status.putArray("resourceRules").addObject();
                everything(resources.putArray("verbs"));
                everything(resources.putArray("apiGroups"));
                everything(resources.putArray("resources"));
                ObjectNode nonResources = status.putArray("nonResourceRules").addObject();
                everything(nonResources.putArray("verbs"));
                everything(nonResources.putArray("nonResourceURLs"));
                status.put("incomplete", false);
            }
            case SELF_SUBJECT_REVIEW -> {
                ObjectNode user = status.putObject("userInfo");
                user.put("username", ANONYMOUS_USER);
                user.putArray("groups").add(ANONYMOUS_GROUP);
            }
        }
        return status;
    }

    private static void everything(ArrayNode array) {
        array.add(EVERYTHING);
    }

    /** The spec, an empty one when absent; a spec or attributes that are not objects are a bad request. */
    private static ObjectNode spec(ReviewResource review, ObjectNode body) {
        JsonNode spec = body.path("spec");
        if (spec.isMissingNode() || spec.isNull()) {
            return body.objectNode();
        }
        if (!(spec instanceof ObjectNode object)) {
            throw ApiException.badRequest(review.kind() + ".spec must be an object");
        }
        for (String attributes : List.of("resourceAttributes", "nonResourceAttributes")) {
            if (present(object, attributes) && !object.get(attributes).isObject()) {
                throw ApiException.badRequest(review.kind() + ".spec." + attributes + " must be an object");
            }
        }
        return object;
    }

    /** Exactly one of the resource and non-resource attributes, as Kubernetes requires. */
    private static void checkAttributes(ObjectNode spec, List<FieldError> errors) {
        boolean resource = present(spec, "resourceAttributes");
        boolean nonResource = present(spec, "nonResourceAttributes");
        if (resource && nonResource) {
            errors.add(FieldError.invalid("spec.nonResourceAttributes", spec.get("nonResourceAttributes").toString(),
                    "cannot be specified in combination with resourceAttributes"));
        } else if (!resource && !nonResource) {
            errors.add(FieldError.invalid("spec.resourceAttributes", "null",
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        }
    }

    /** A review's metadata must be empty (a local review's may name its namespace): it names no object. */
    private static void checkMetadata(ReviewResource review, ObjectNode body, List<FieldError> errors) {
        JsonNode meta = body.path("metadata");
        if (!meta.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = meta.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean empty = field.getValue().isNull() || field.getValue().isEmpty() && field.getValue().isContainerNode();
            boolean allowed = review.namespaced() && field.getKey().equals("namespace") || field.getKey().equals("managedFields");
            if (!empty && !allowed) {
                errors.add(FieldError.invalid("metadata", meta.toString(),
                        review.namespaced() ? "must be empty except for namespace" : "must be empty"));
                return;
            }
        }
    }

    private static boolean present(ObjectNode spec, String field) {
        return spec.hasNonNull(field);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
