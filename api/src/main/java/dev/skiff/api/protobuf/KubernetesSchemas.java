package dev.skiff.api.protobuf;

import java.util.Map;
import java.util.Optional;

/** The object types whose protobuf encoding Skiff decodes, by apiVersion and kind. */
final class KubernetesSchemas {

    private static final Map<String, MessageSchema> BY_TYPE = Map.of(
            key("v1", "Namespace"), CoreSchemas.NAMESPACE,
            key("v1", "ConfigMap"), CoreSchemas.CONFIG_MAP,
            key("v1", "Secret"), CoreSchemas.SECRET,
            key("v1", "Service"), CoreSchemas.SERVICE,
            key("apps/v1", "Deployment"), AppsSchemas.DEPLOYMENT,
            key("batch/v1", "Job"), BatchSchemas.JOB,
            key("autoscaling/v1", "HorizontalPodAutoscaler"), AutoscalingSchemas.HORIZONTAL_POD_AUTOSCALER_V1,
            key("autoscaling/v2", "HorizontalPodAutoscaler"), AutoscalingSchemas.HORIZONTAL_POD_AUTOSCALER_V2);

    private KubernetesSchemas() {
    }

    /** The schema of the object type, if Skiff decodes it. */
    static Optional<MessageSchema> forType(String apiVersion, String kind) {
        return Optional.ofNullable(BY_TYPE.get(key(apiVersion, kind)));
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
