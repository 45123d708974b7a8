package dev.skiff.api.protobuf;

import static dev.skiff.api.protobuf.MessageSchema.builder;
import static dev.skiff.api.protobuf.MetaSchemas.OBJECT_META;
import static dev.skiff.api.protobuf.ZeroValue.KEEP;

/**
 * Schemas of HorizontalPodAutoscaler as {@code kubectl autoscale} sends it: autoscaling/v1 from
 * kubectl 1.32, autoscaling/v2 from 1.33 (resource and container-resource metrics; scaling behavior
 * and the status's metrics and conditions are skipped).
 */
final class AutoscalingSchemas {

    static final MessageSchema CROSS_VERSION_OBJECT_REFERENCE = builder("CrossVersionObjectReference")
            .string(1, "kind", KEEP)
            .string(2, "name", KEEP)
            .string(3, "apiVersion")
            .build();

    static final MessageSchema HORIZONTAL_POD_AUTOSCALER_V1 = builder("HorizontalPodAutoscaler")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", builder("HorizontalPodAutoscalerSpec")
                    .message(1, "scaleTargetRef", CROSS_VERSION_OBJECT_REFERENCE)
                    .int32(2, "minReplicas", KEEP)
                    .int32(3, "maxReplicas", KEEP)
                    .int32(4, "targetCPUUtilizationPercentage", KEEP)
                    .build())
            .message(3, "status", builder("HorizontalPodAutoscalerStatus")
                    .int64(1, "observedGeneration", KEEP)
                    .time(2, "lastScaleTime")
                    .int32(3, "currentReplicas", KEEP)
                    .int32(4, "desiredReplicas", KEEP)
                    .int32(5, "currentCPUUtilizationPercentage", KEEP)
                    .build())
            .build();

    static final MessageSchema METRIC_TARGET = builder("MetricTarget")
            .string(1, "type", KEEP)
            .quantity(2, "value")
            .quantity(3, "averageValue")
            .int32(4, "averageUtilization", KEEP)
            .build();

    static final MessageSchema METRIC_SPEC = builder("MetricSpec")
            .string(1, "type", KEEP)
            .message(4, "resource", builder("ResourceMetricSource")
                    .string(1, "name", KEEP)
                    .message(2, "target", METRIC_TARGET)
                    .build())
            .message(7, "containerResource", builder("ContainerResourceMetricSource")
                    .string(1, "name", KEEP)
                    .message(2, "target", METRIC_TARGET)
                    .string(3, "container", KEEP)
                    .build())
            .build();

    static final MessageSchema HORIZONTAL_POD_AUTOSCALER_V2_SPEC = builder("HorizontalPodAutoscalerSpec")
            .message(1, "scaleTargetRef", CROSS_VERSION_OBJECT_REFERENCE)
            .int32(2, "minReplicas", KEEP)
            .int32(3, "maxReplicas", KEEP)
            .repeatedMessage(4, "metrics", METRIC_SPEC)
            .build();

    static final MessageSchema HORIZONTAL_POD_AUTOSCALER_V2_STATUS = builder("HorizontalPodAutoscalerStatus")
            .int64(1, "observedGeneration", KEEP)
            .time(2, "lastScaleTime")
            .int32(3, "currentReplicas")
            .int32(4, "desiredReplicas", KEEP)
            .build();

    static final MessageSchema HORIZONTAL_POD_AUTOSCALER_V2 = builder("HorizontalPodAutoscaler")
            .message(1, "metadata", OBJECT_META)
            .message(2, "spec", HORIZONTAL_POD_AUTOSCALER_V2_SPEC)
            .message(3, "status", HORIZONTAL_POD_AUTOSCALER_V2_STATUS)
            .build();

    private AutoscalingSchemas() {
    }
}
