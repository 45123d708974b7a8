package dev.skiff.api.protobuf;

import static dev.skiff.api.protobuf.MessageSchema.builder;
import static dev.skiff.api.protobuf.MetaSchemas.LABEL_SELECTOR_REQUIREMENT;
import static dev.skiff.api.protobuf.MetaSchemas.OBJECT_META;

/**
 * Schemas of the review requests kubectl sends as protobuf: {@code kubectl auth can-i} (an
 * authorization.k8s.io SelfSubjectAccessReview, or with {@code --list} a SelfSubjectRulesReview) and
 * {@code kubectl auth whoami} (an authentication.k8s.io SelfSubjectReview, whose request is metadata
 * alone). The requests' status is the server's to fill, so it is not decoded; nor is a
 * SubjectAccessReview's {@code extra}.
 */
final class ReviewSchemas {

    private static final MessageSchema RESOURCE_ATTRIBUTES = builder("ResourceAttributes")
            .string(1, "namespace")
            .string(2, "verb")
            .string(3, "group")
            .string(4, "version")
            .string(5, "resource")
            .string(6, "subresource")
            .string(7, "name")
            .message(8, "fieldSelector", builder("FieldSelectorAttributes")
                    .string(1, "rawSelector")
                    .repeatedMessage(2, "requirements", builder("FieldSelectorRequirement")
                            .string(1, "key")
                            .string(2, "operator")
                            .repeatedString(3, "values")
                            .build())
                    .build())
            .message(9, "labelSelector", builder("LabelSelectorAttributes")
                    .string(1, "rawSelector")
                    .repeatedMessage(2, "requirements", LABEL_SELECTOR_REQUIREMENT)
                    .build())
            .build();

    private static final MessageSchema NON_RESOURCE_ATTRIBUTES = builder("NonResourceAttributes")
            .string(1, "path")
            .string(2, "verb")
            .build();

    private static final MessageSchema SUBJECT_ACCESS_REVIEW_SPEC = builder("SubjectAccessReviewSpec")
            .message(1, "resourceAttributes", RESOURCE_ATTRIBUTES)
            .message(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES)
            .string(3, "user")
            .repeatedString(4, "groups")
            .string(6, "uid")
            .build();

    static final MessageSchema SELF_SUBJECT_ACCESS_REVIEW = builder("SelfSubjectAccessReview")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", builder("SelfSubjectAccessReviewSpec")
                    .message(1, "resourceAttributes", RESOURCE_ATTRIBUTES)
                    .message(2, "nonResourceAttributes", NON_RESOURCE_ATTRIBUTES)
                    .build())
            .build();

    static final MessageSchema SUBJECT_ACCESS_REVIEW = builder("SubjectAccessReview")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", SUBJECT_ACCESS_REVIEW_SPEC)
            .build();

    static final MessageSchema LOCAL_SUBJECT_ACCESS_REVIEW = builder("LocalSubjectAccessReview")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", SUBJECT_ACCESS_REVIEW_SPEC)
            .build();

    static final MessageSchema SELF_SUBJECT_RULES_REVIEW = builder("SelfSubjectRulesReview")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", builder("SelfSubjectRulesReviewSpec")
                    .string(1, "namespace")
                    .build())
            .build();

    /** authentication.k8s.io's: the user asks who it is, so the request holds nothing but metadata. */
    static final MessageSchema SELF_SUBJECT_REVIEW = builder("SelfSubjectReview")
            .message(1, "metadata", OBJECT_META)
            .build();

    private ReviewSchemas() {
    }
}
