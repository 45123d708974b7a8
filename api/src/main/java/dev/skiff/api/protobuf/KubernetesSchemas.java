package dev.skiff.api.protobuf;

import java.util.Map;
import java.util.Optional;

/** The object types whose protobuf encoding Skiff decodes, by apiVersion and kind. */
final class KubernetesSchemas {

    private static final Map<String, MessageSchema> BY_TYPE = Map.ofEntries(
            Map.entry(key("v1", "Namespace"), CoreSchemas.NAMESPACE),
            Map.entry(key("v1", "ConfigMap"), CoreSchemas.CONFIG_MAP),
            Map.entry(key("v1", "Secret"), CoreSchemas.SECRET),
            Map.entry(key("v1", "ServiceAccount"), CoreSchemas.SERVICE_ACCOUNT),
            Map.entry(key("v1", "Service"), CoreSchemas.SERVICE),
            Map.entry(key("apps/v1", "Deployment"), AppsSchemas.DEPLOYMENT),
            Map.entry(key("batch/v1", "Job"), BatchSchemas.JOB),
            Map.entry(key("batch/v1", "CronJob"), BatchSchemas.CRON_JOB),
            Map.entry(key("autoscaling/v1", "HorizontalPodAutoscaler"), AutoscalingSchemas.HORIZONTAL_POD_AUTOSCALER_V1),
            Map.entry(key("autoscaling/v2", "HorizontalPodAutoscaler"), AutoscalingSchemas.HORIZONTAL_POD_AUTOSCALER_V2),
            Map.entry(key("authorization.k8s.io/v1", "SelfSubjectAccessReview"), ReviewSchemas.SELF_SUBJECT_ACCESS_REVIEW),
            Map.entry(key("authorization.k8s.io/v1", "SubjectAccessReview"), ReviewSchemas.SUBJECT_ACCESS_REVIEW),
            Map.entry(key("authorization.k8s.io/v1", "LocalSubjectAccessReview"), ReviewSchemas.LOCAL_SUBJECT_ACCESS_REVIEW),
            Map.entry(key("authorization.k8s.io/v1", "SelfSubjectRulesReview"), ReviewSchemas.SELF_SUBJECT_RULES_REVIEW),
            Map.entry(key("authentication.k8s.io/v1", "SelfSubjectReview"), ReviewSchemas.SELF_SUBJECT_REVIEW));

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
