package dev.skiff.api.protobuf;

import static dev.skiff.api.protobuf.CoreSchemas.POD_TEMPLATE_SPEC;
import static dev.skiff.api.protobuf.MessageSchema.builder;
import static dev.skiff.api.protobuf.MetaSchemas.LABEL_SELECTOR;
import static dev.skiff.api.protobuf.MetaSchemas.OBJECT_META;
import static dev.skiff.api.protobuf.ZeroValue.KEEP;

/** Schemas of k8s.io/api/apps/v1 messages: Deployment. */
final class AppsSchemas {

    static final MessageSchema DEPLOYMENT_SPEC = builder("DeploymentSpec")
            .int32(1, "replicas", KEEP)
            .message(2, "selector", LABEL_SELECTOR)
            .message(3, "template", POD_TEMPLATE_SPEC)
            .message(4, "strategy", builder("DeploymentStrategy")
                    .string(1, "type")
                    .message(2, "rollingUpdate", builder("RollingUpdateDeployment")
                            .intOrString(1, "maxUnavailable")
                            .intOrString(2, "maxSurge")
                            .build())
                    .build())
            .int32(5, "minReadySeconds")
            .int32(6, "revisionHistoryLimit", KEEP)
            .bool(7, "paused")
            .int32(9, "progressDeadlineSeconds", KEEP)
            .build();

    /** The counters of DeploymentStatus; its conditions are the controller's and are skipped. */
    static final MessageSchema DEPLOYMENT_STATUS = builder("DeploymentStatus")
            .int64(1, "observedGeneration")
            .int32(2, "replicas")
            .int32(3, "updatedReplicas")
            .int32(7, "readyReplicas")
            .int32(4, "availableReplicas")
            .int32(5, "unavailableReplicas")
            .int32(9, "terminatingReplicas", KEEP)
            .int32(8, "collisionCount", KEEP)
            .build();

    static final MessageSchema DEPLOYMENT = builder("Deployment")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", DEPLOYMENT_SPEC)
            .message(3, "status", DEPLOYMENT_STATUS)
            .build();

    private AppsSchemas() {
    }
}
