package dev.skiff.api.protobuf;

import static dev.skiff.api.protobuf.MessageSchema.builder;
import static dev.skiff.api.protobuf.ZeroValue.KEEP;

/** Schemas of k8s.io/apimachinery/pkg/apis/meta/v1 messages that objects embed. */
final class MetaSchemas {

    static final MessageSchema OWNER_REFERENCE = builder("OwnerReference")
            .string(5, "apiVersion", KEEP)
            .string(1, "kind", KEEP)
            .string(3, "name", KEEP)
            .string(4, "uid", KEEP)
            .bool(6, "controller", KEEP)
            .bool(7, "blockOwnerDeletion", KEEP)
            .build();

    static final MessageSchema OBJECT_META = builder("ObjectMeta")
            .string(1, "name")
            .string(2, "generateName")
            .string(3, "namespace")
            .string(4, "selfLink")
            .string(5, "uid")
            .string(6, "resourceVersion")
            .int64(7, "generation")
            .time(8, "creationTimestamp")
            .time(9, "deletionTimestamp")
            .int64(10, "deletionGracePeriodSeconds", KEEP)
            .stringMap(11, "labels")
            .stringMap(12, "annotations")
            .repeatedMessage(13, "ownerReferences", OWNER_REFERENCE)
            .repeatedString(14, "finalizers")
            .build();

    static final MessageSchema LABEL_SELECTOR_REQUIREMENT = builder("LabelSelectorRequirement")
            .string(1, "key", KEEP)
            .string(2, "operator", KEEP)
            .repeatedString(3, "values")
            .build();

    static final MessageSchema LABEL_SELECTOR = builder("LabelSelector")
            .stringMap(1, "matchLabels")
            .repeatedMessage(2, "matchExpressions", LABEL_SELECTOR_REQUIREMENT)
            .build();

    private MetaSchemas() {
    }
}
