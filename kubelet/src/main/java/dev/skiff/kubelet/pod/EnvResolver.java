package dev.skiff.kubelet.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as Kubernetes builds it: {@code envFrom} first (configMaps and
 * secrets, with their prefix), then {@code env} in order, where {@code $(NAME)} expands to a
 * variable defined before it ({@code $$} escapes) and {@code valueFrom} reads a pod field, a
 * resource, a configMap key or a secret key.
 */
public final class EnvResolver {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([-._a-zA-Z][-._a-zA-Z0-9]*)\\)");
    private static final Pattern LABEL_FIELD = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)']");

    private final KubernetesClient client;

    public EnvResolver(KubernetesClient client) {
        this.client = client;
    }

    public Map<String, String> resolve(Pod pod, Container container, String podIp, String hostIp) throws ContainerConfigException {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                ConfigMap map = client.configMaps().inNamespace(ns).withName(from.getConfigMapRef().getName()).get();
                if (map == null) {
                    if (!Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        throw new ContainerConfigException("configmap \"" + from.getConfigMapRef().getName() + "\" not found");
                    }
                } else if (map.getData() != null) {
                    map.getData().forEach((k, v) -> env.put(prefix + k, v));
                }
            }
            if (from.getSecretRef() != null) {
                Secret secret = client.secrets().inNamespace(ns).withName(from.getSecretRef().getName()).get();
                if (secret == null) {
                    if (!Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        throw new ContainerConfigException("secret \"" + from.getSecretRef().getName() + "\" not found");
                    }
                } else {
                    secretData(secret).forEach((k, v) -> env.put(prefix + k, v));
                }
            }
        }
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValueFrom() == null) {
                env.put(variable.getName(), expand(variable.getValue() == null ? "" : variable.getValue(), env));
            } else {
                String value = valueFrom(pod, container, variable, podIp, hostIp);
                if (value != null) {
                    env.put(variable.getName(), value);
                }
            }
        }
        return env;
    }

    private String valueFrom(Pod pod, Container container, EnvVar variable, String podIp, String hostIp) throws ContainerConfigException {
        EnvVarSource source = variable.getValueFrom();
        String ns = pod.getMetadata().getNamespace();
        if (source.getFieldRef() != null) {
            return podField(pod, source.getFieldRef().getFieldPath(), podIp, hostIp);
        }
        if (source.getResourceFieldRef() != null) {
            return resourceField(container, source.getResourceFieldRef().getResource(), source.getResourceFieldRef().getDivisor());
        }
        if (source.getConfigMapKeyRef() != null) {
            var ref = source.getConfigMapKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            ConfigMap map = client.configMaps().inNamespace(ns).withName(ref.getName()).get();
            if (map == null) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("configmap \"" + ref.getName() + "\" not found");
            }
            String value = map.getData() == null ? null : map.getData().get(ref.getKey());
            if (value == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in ConfigMap " + ns + "/" + ref.getName());
            }
            return value;
        }
        if (source.getSecretKeyRef() != null) {
            var ref = source.getSecretKeyRef();
            boolean optional = Boolean.TRUE.equals(ref.getOptional());
            Secret secret = client.secrets().inNamespace(ns).withName(ref.getName()).get();
            if (secret == null) {
                if (optional) {
                    return null;
                }
                throw new ContainerConfigException("secret \"" + ref.getName() + "\" not found");
            }
            String value = secretData(secret).get(ref.getKey());
            if (value == null && !optional) {
                throw new ContainerConfigException("couldn't find key " + ref.getKey() + " in Secret " + ns + "/" + ref.getName());
            }
            return value;
        }
        return "";
    }

    static String podField(Pod pod, String path, String podIp, String hostIp) throws ContainerConfigException {
        Matcher labelOrAnnotation = LABEL_FIELD.matcher(path);
        if (labelOrAnnotation.matches()) {
            Map<String, String> values = labelOrAnnotation.group(1).equals("labels")
                    ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
            return values == null ? "" : values.getOrDefault(labelOrAnnotation.group(2), "");
        }
        return switch (path) {
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.uid" -> pod.getMetadata().getUid();
            case "spec.nodeName" -> pod.getSpec().getNodeName();
            case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName() == null ? "" : pod.getSpec().getServiceAccountName();
            case "status.podIP", "status.podIPs" -> podIp == null ? "" : podIp;
            case "status.hostIP", "status.hostIPs" -> hostIp == null ? "" : hostIp;
            default -> throw new ContainerConfigException("unsupported fieldRef " + path);
        };
    }

    private static String resourceField(Container container, String resource, Quantity divisor) {
        var resources = container.getResources();
        Map<String, Quantity> limits = resources == null || resources.getLimits() == null ? Map.of() : resources.getLimits();
        Map<String, Quantity> requests = resources == null || resources.getRequests() == null ? Map.of() : resources.getRequests();
        Quantity value = switch (resource) {
            case "limits.cpu" -> limits.get("cpu");
            case "limits.memory" -> limits.get("memory");
            case "requests.cpu" -> requests.get("cpu");
            case "requests.memory" -> requests.get("memory");
            default -> null;
        };
        if (value == null) {
            return "0";
        }
        BigDecimal by = divisor == null ? BigDecimal.ONE : divisor.getNumericalAmount();
        return value.getNumericalAmount().divide(by, 0, RoundingMode.CEILING).toPlainString();
    }

    private static Map<String, String> secretData(Secret secret) {
        Map<String, String> data = new LinkedHashMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((k, v) -> data.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            data.putAll(secret.getStringData());
        }
        return data;
    }

    /** Kubernetes' {@code $(VAR)} expansion: defined names expand, unknown ones stay as written, {@code $$} is a literal {@code $}. */
    static String expand(String value, Map<String, String> defined) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("$$")) {
                replacement = "$";
            } else {
                String name = matcher.group(1);
                replacement = defined.containsKey(name) ? defined.get(name) : matcher.group();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
