package dev.skiff.scheduler.binding;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.scheduler.framework.PodInfo;

/**
 * Binds through {@code POST /api/v1/namespaces/NS/pods/NAME/binding}, as client-go's {@code Bind}
 * does (the namespace's {@code bindings} collection is not served). The binding carries the pod's
 * uid, as Kubernetes' does.
 */
public final class ApiPodBinder implements PodBinder {

    private final ApiWriter writer;

    public ApiPodBinder(ApiWriter writer) {
        this.writer = writer;
    }

    @Override
    public void bind(PodInfo pod, String nodeName) {
        ObjectNode binding = JsonNodeFactory.instance.objectNode();
        binding.put("apiVersion", "v1").put("kind", "Binding");
        binding.putObject("metadata").put("namespace", pod.namespace()).put("name", pod.name()).put("uid", pod.uid());
        binding.putObject("target").put("apiVersion", "v1").put("kind", "Node").put("name", nodeName);
        ApiWriter.Response response = Answers.await(writer.post(
                "/api/v1/namespaces/" + pod.namespace() + "/pods/" + pod.name() + "/binding", binding.toString()));
        if (!response.isSuccess()) {
            throw new IllegalStateException(response.reason());
        }
    }
}
