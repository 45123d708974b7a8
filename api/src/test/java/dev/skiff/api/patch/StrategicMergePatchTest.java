package dev.skiff.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.skiff.api.patch.Trees.json;
import static dev.skiff.api.patch.Trees.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategicMergePatchTest {

    private static final String POD = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels: {app: web, tier: frontend}
              finalizers: [a, b]
            spec:
              containers:
              - name: app
                image: nginx:1.25
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
                ports:
                - {containerPort: 80, protocol: TCP}
                - {containerPort: 443, protocol: TCP}
              - name: sidecar
                image: busybox
              tolerations:
              - {key: a, operator: Exists}
            """;

    private static JsonNode apply(String kind, String original, String patch) {
        return StrategicMergePatch.apply(kind, yaml(original), yaml(patch));
    }

    private static JsonNode patchPod(String patch) {
        return apply("Pod", POD, patch);
    }

    private static JsonNode containers(JsonNode pod) {
        return pod.at("/spec/containers");
    }

    @Nested
    class MapsAndScalars {

        @Test
        void mergesObjectsAndReplacesScalars() {
            JsonNode pod = patchPod("""
                    metadata: {labels: {env: prod}}
                    spec: {nodeName: node-1}
                    """);
            assertThat(pod.at("/metadata/labels")).isEqualTo(yaml("{app: web, tier: frontend, env: prod}"));
            assertThat(pod.at("/spec/nodeName").asText()).isEqualTo("node-1");
            assertThat(containers(pod)).hasSize(2);
        }

        @Test
        void nullDeletesALabel() {
            JsonNode pod = patchPod("metadata: {labels: {tier: null}}");
            assertThat(pod.at("/metadata/labels")).isEqualTo(yaml("{app: web}"));
        }

        @Test
        void nullsInsideNewObjectsAreDropped() {
            JsonNode pod = patchPod("metadata: {annotations: {a: x, b: null}}");
            assertThat(pod.at("/metadata/annotations")).isEqualTo(yaml("{a: x}"));
        }

        @Test
        void replaceDirectiveReplacesAMap() {
            JsonNode pod = patchPod("metadata: {labels: {$patch: replace, role: db}}");
            assertThat(pod.at("/metadata/labels")).isEqualTo(yaml("{role: db}"));
        }

        @Test
        void deleteDirectiveEmptiesAMapAsKubernetesDoes() {
            JsonNode pod = patchPod("metadata: {labels: {$patch: delete}}");
            assertThat(pod.at("/metadata/labels")).isEqualTo(yaml("{}"));
        }

        @Test
        void mergeDirectiveIsTheDefault() {
            JsonNode pod = patchPod("metadata: {labels: {$patch: merge, env: prod}}");
            assertThat(pod.at("/metadata/labels")).isEqualTo(yaml("{app: web, tier: frontend, env: prod}"));
        }
    }

    @Nested
    class KeyedLists {

        @Test
        void changesAContainerImageByName() {
            JsonNode pod = patchPod("spec: {containers: [{name: sidecar, image: 'busybox:1.36'}]}");
            assertThat(containers(pod).get(0)).isEqualTo(yaml(POD).at("/spec/containers/0"));
            assertThat(containers(pod).get(1)).isEqualTo(yaml("{name: sidecar, image: 'busybox:1.36'}"));
        }

        @Test
        void addsAnEnvVarByName() {
            JsonNode pod = patchPod("""
                    spec:
                      containers:
                      - name: app
                        $setElementOrder/env: [{name: A}, {name: B}, {name: C}]
                        env: [{name: C, value: "3"}]
                    """);
            assertThat(containers(pod).at("/0/env")).isEqualTo(yaml("""
                    - {name: A, value: "1"}
                    - {name: B, value: "2"}
                    - {name: C, value: "3"}
                    """));
        }

        @Test
        void withoutAnOrderNewItemsComeFirstAsInKubernetes() {
            JsonNode pod = patchPod("spec: {containers: [{name: app, env: [{name: C, value: '3'}]}]}");
            assertThat(containers(pod).at("/0/env")).isEqualTo(yaml("""
                    - {name: C, value: "3"}
                    - {name: A, value: "1"}
                    - {name: B, value: "2"}
                    """));
        }

        @Test
        void patchItemsKeepThePatchOrderAfterServerOnlyItemsBeforeThem() {
            JsonNode result = apply("Pod", """
                    spec: {containers: [{name: b}, {name: c}, {name: a}]}
                    """, """
                    spec: {containers: [{name: a, image: x}, {name: b, image: y}, {name: d}]}
                    """);
            assertThat(containers(result)).isEqualTo(yaml("""
                    [{name: c}, {name: a, image: x}, {name: b, image: y}, {name: d}]
                    """));
        }

        @Test
        void changesAnEnvVarValueByName() {
            JsonNode pod = patchPod("spec: {containers: [{name: app, env: [{name: B, value: changed}]}]}");
            assertThat(containers(pod).at("/0/env")).isEqualTo(yaml("""
                    - {name: A, value: "1"}
                    - {name: B, value: changed}
                    """));
        }

        @Test
        void removesAnEnvVarByName() {
            JsonNode pod = patchPod("spec: {containers: [{name: app, env: [{name: A, $patch: delete}]}]}");
            assertThat(containers(pod).at("/0/env")).isEqualTo(yaml("[{name: B, value: '2'}]"));
        }

        @Test
        void deletesAContainer() {
            JsonNode pod = patchPod("spec: {containers: [{name: sidecar, $patch: delete}]}");
            assertThat(containers(pod)).hasSize(1);
            assertThat(containers(pod).at("/0/name").asText()).isEqualTo("app");
        }

        @Test
        void deletingAMissingElementChangesNothing() {
            JsonNode pod = patchPod("spec: {containers: [{name: nope, $patch: delete}]}");
            assertThat(pod).isEqualTo(yaml(POD));
        }

        @Test
        void replaceDirectiveReplacesTheList() {
            JsonNode pod = patchPod("spec: {containers: [{name: only, image: alpine}, {$patch: replace}]}");
            assertThat(containers(pod)).isEqualTo(yaml("[{name: only, image: alpine}]"));
        }

        @Test
        void portsMergeByContainerPort() {
            JsonNode pod = patchPod("spec: {containers: [{name: app, ports: [{containerPort: 443, name: https}]}]}");
            assertThat(containers(pod).at("/0/ports")).isEqualTo(yaml("""
                    - {containerPort: 80, protocol: TCP}
                    - {containerPort: 443, protocol: TCP, name: https}
                    """));
        }

        @Test
        void mergeKeysCompareNumbersByValue() {
            JsonNode pod = StrategicMergePatch.apply("Pod", yaml(POD),
                    json("{'spec':{'containers':[{'name':'app','ports':[{'containerPort':443.0,'name':'https'}]}]}}"));
            assertThat(containers(pod).at("/0/ports")).hasSize(2);
        }

        @Test
        void volumeMountsMergeByMountPathAndVolumesByName() {
            JsonNode result = apply("Pod", """
                    spec:
                      volumes: [{name: data, emptyDir: {}}]
                      containers: [{name: app, volumeMounts: [{name: data, mountPath: /data}]}]
                    """, """
                    spec:
                      volumes: [{name: config, configMap: {name: cfg}}]
                      containers: [{name: app, volumeMounts: [{name: data, mountPath: /data, readOnly: true}]}]
                    """);
            assertThat(result.at("/spec/volumes")).isEqualTo(yaml("""
                    [{name: config, configMap: {name: cfg}}, {name: data, emptyDir: {}}]
                    """));
            assertThat(containers(result).at("/0/volumeMounts"))
                    .isEqualTo(yaml("[{name: data, mountPath: /data, readOnly: true}]"));
        }

        @Test
        void initAndEphemeralContainersMergeByName() {
            JsonNode result = apply("Pod", """
                    spec:
                      initContainers: [{name: init, image: a, env: [{name: X, value: '1'}]}]
                      ephemeralContainers: [{name: debug, image: b}]
                    """, """
                    spec:
                      initContainers: [{name: init, env: [{name: Y, value: '2'}]}]
                      ephemeralContainers: [{name: debug2, image: c}]
                    """);
            assertThat(result.at("/spec/initContainers/0/image").asText()).isEqualTo("a");
            assertThat(result.at("/spec/initContainers/0/env")).hasSize(2);
            assertThat(result.at("/spec/ephemeralContainers")).hasSize(2);
        }

        @Test
        void ownerReferencesMergeByUid() {
            JsonNode result = apply("ReplicaSet", """
                    metadata: {ownerReferences: [{uid: u1, kind: Deployment, name: web}]}
                    """, """
                    metadata: {ownerReferences: [{uid: u1, controller: true}, {uid: u2, kind: Deployment, name: other}]}
                    """);
            assertThat(result.at("/metadata/ownerReferences")).isEqualTo(yaml("""
                    - {uid: u1, kind: Deployment, name: web, controller: true}
                    - {uid: u2, kind: Deployment, name: other}
                    """));
        }

        @Test
        void aJobsTemplateMergesItsContainersByName() {
            JsonNode result = apply("Job", """
                    spec: {template: {spec: {containers: [{name: a, image: x}, {name: b, image: y}]}}}
                    """, """
                    spec: {template: {spec: {containers: [{name: b, image: z}]}}}
                    """);
            assertThat(result.at("/spec/template/spec/containers")).isEqualTo(yaml("""
                    [{name: a, image: x}, {name: b, image: z}]
                    """));
        }

        @Test
        void newListsAreTakenWithTheirDirectivesResolved() {
            JsonNode result = apply("Pod", "spec: {}", """
                    spec: {containers: [{name: a, image: x, env: [{name: gone, $patch: delete}, {name: kept, value: v}]}]}
                    """);
            assertThat(containers(result)).isEqualTo(yaml("[{name: a, image: x, env: [{name: kept, value: v}]}]"));
        }

        @Test
        void anEmptyPatchListChangesNothing() {
            assertThat(patchPod("spec: {containers: []}")).isEqualTo(yaml(POD));
        }
    }

    @Nested
    class ListsWithoutKey {

        @Test
        void tolerationsAreReplaced() {
            JsonNode pod = patchPod("spec: {tolerations: [{key: b, operator: Exists}]}");
            assertThat(pod.at("/spec/tolerations")).isEqualTo(yaml("[{key: b, operator: Exists}]"));
        }

        @Test
        void argsEnvFromAndReadinessGatesAreReplaced() {
            JsonNode result = apply("Pod", """
                    spec:
                      readinessGates: [{conditionType: a}]
                      containers: [{name: app, args: [x, y], envFrom: [{configMapRef: {name: a}}]}]
                    """, """
                    spec:
                      readinessGates: [{conditionType: b}]
                      containers: [{name: app, args: [z], envFrom: [{secretRef: {name: s}}]}]
                    """);
            assertThat(result.at("/spec/readinessGates")).isEqualTo(yaml("[{conditionType: b}]"));
            assertThat(containers(result).at("/0/args")).isEqualTo(yaml("[z]"));
            assertThat(containers(result).at("/0/envFrom")).isEqualTo(yaml("[{secretRef: {name: s}}]"));
        }

        @Test
        void nodeTaintsAreReplacedAsKubernetesDoes() {
            JsonNode result = apply("Node", """
                    spec: {taints: [{key: a, effect: NoSchedule}, {key: b, effect: NoSchedule}]}
                    """, """
                    spec: {taints: [{key: b, effect: NoSchedule}]}
                    """);
            assertThat(result.at("/spec/taints")).isEqualTo(yaml("[{key: b, effect: NoSchedule}]"));
        }

        @Test
        void containerStatusesAreReplaced() {
            JsonNode result = apply("Pod", """
                    status: {containerStatuses: [{name: a, ready: false}, {name: b, ready: false}]}
                    """, """
                    status: {containerStatuses: [{name: a, ready: true}]}
                    """);
            assertThat(result.at("/status/containerStatuses")).isEqualTo(yaml("[{name: a, ready: true}]"));
        }
    }

    @Nested
    class Status {

        @Test
        void podConditionsMergeByTypeInTheOrderGiven() {
            JsonNode result = apply("Pod", """
                    status:
                      phase: Pending
                      conditions:
                      - {type: PodScheduled, status: "True"}
                      - {type: Ready, status: "False"}
                    """, """
                    status:
                      phase: Running
                      $setElementOrder/conditions: [{type: PodScheduled}, {type: Initialized}, {type: Ready}]
                      conditions:
                      - {type: Initialized, status: "True"}
                      - {type: Ready, status: "True"}
                    """);
            assertThat(result.at("/status")).isEqualTo(yaml("""
                    phase: Running
                    conditions:
                    - {type: PodScheduled, status: "True"}
                    - {type: Initialized, status: "True"}
                    - {type: Ready, status: "True"}
                    """));
        }

        @Test
        void nodeConditionsAndAddressesMergeByType() {
            JsonNode result = apply("Node", """
                    status:
                      conditions: [{type: Ready, status: "False"}, {type: MemoryPressure, status: "False"}]
                      addresses: [{type: InternalIP, address: 10.0.0.1}, {type: Hostname, address: n1}]
                    """, """
                    status:
                      conditions: [{type: Ready, status: "True", lastHeartbeatTime: "2025-01-01T00:00:00Z"}]
                      addresses: [{type: InternalIP, address: 10.0.0.2}]
                    """);
            assertThat(result.at("/status/conditions")).isEqualTo(yaml("""
                    - {type: Ready, status: "True", lastHeartbeatTime: "2025-01-01T00:00:00Z"}
                    - {type: MemoryPressure, status: "False"}
                    """));
            assertThat(result.at("/status/addresses")).isEqualTo(yaml("""
                    [{type: InternalIP, address: 10.0.0.2}, {type: Hostname, address: n1}]
                    """));
        }

        @ParameterizedTest
        @ValueSource(strings = {"Pod", "Deployment", "ReplicaSet", "Job", "Service", "Node", "Namespace"})
        void conditionsMergeByType(String kind) {
            JsonNode result = apply(kind, """
                    status: {conditions: [{type: Available, status: "False"}, {type: Progressing, status: "True"}]}
                    """, """
                    status: {conditions: [{type: Available, status: "True"}]}
                    """);
            assertThat(result.at("/status/conditions")).isEqualTo(yaml("""
                    [{type: Available, status: "True"}, {type: Progressing, status: "True"}]
                    """));
        }

        @Test
        void podIpsMergeByIp() {
            JsonNode result = apply("Pod", "status: {podIPs: [{ip: 10.0.0.1}]}", "status: {podIPs: [{ip: 'fd00::1'}]}");
            assertThat(result.at("/status/podIPs")).hasSize(2);
        }
    }

    @Nested
    class Services {

        @Test
        void portsMergeByPort() {
            JsonNode result = apply("Service", """
                    spec:
                      selector: {app: web}
                      ports: [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443}]
                    """, """
                    spec:
                      ports: [{port: 443, name: https}]
                    """);
            assertThat(result.at("/spec/ports")).isEqualTo(yaml("""
                    [{port: 80, targetPort: 8080}, {port: 443, targetPort: 8443, name: https}]
                    """));
        }
    }

    @Nested
    class Finalizers {

        @Test
        void mergeAsASet() {
            JsonNode pod = patchPod("metadata: {finalizers: [b, c]}");
            assertThat(pod.at("/metadata/finalizers")).isEqualTo(yaml("[a, b, c]"));
        }

        @Test
        void newValuesComeFirstWithoutAnOrderAsInKubernetes() {
            JsonNode pod = patchPod("metadata: {finalizers: [c]}");
            assertThat(pod.at("/metadata/finalizers")).isEqualTo(yaml("[c, a, b]"));
        }

        @Test
        void deleteFromPrimitiveList() {
            JsonNode pod = patchPod("metadata: {$deleteFromPrimitiveList/finalizers: [a, nope]}");
            assertThat(pod.at("/metadata/finalizers")).isEqualTo(yaml("[b]"));
        }

        @Test
        void addRemoveAndOrderAsKubectlApplySendsIt() {
            JsonNode pod = patchPod("""
                    metadata:
                      $setElementOrder/finalizers: [b, d]
                      $deleteFromPrimitiveList/finalizers: [a]
                      finalizers: [d]
                    """);
            assertThat(pod.at("/metadata/finalizers")).isEqualTo(yaml("[b, d]"));
        }

        @Test
        void deletingFromAnAbsentListChangesNothing() {
            JsonNode result = apply("ConfigMap", "metadata: {name: c}", "metadata: {$deleteFromPrimitiveList/finalizers: [a]}");
            assertThat(result).isEqualTo(yaml("metadata: {name: c}"));
        }
    }

    @Nested
    class SetElementOrder {

        @Test
        void reordersWithoutChanges() {
            JsonNode pod = patchPod("spec: {$setElementOrder/containers: [{name: sidecar}, {name: app}]}");
            assertThat(containers(pod).at("/0/name").asText()).isEqualTo("sidecar");
            assertThat(containers(pod).at("/1")).isEqualTo(yaml(POD).at("/spec/containers/0"));
        }

        @Test
        void itemsNotInTheOrderComeFirst() {
            JsonNode result = apply("Pod", "spec: {containers: [{name: c}, {name: b}, {name: a}]}",
                    "spec: {$setElementOrder/containers: [{name: a}, {name: b}]}");
            assertThat(containers(result)).isEqualTo(yaml("[{name: c}, {name: a}, {name: b}]"));
        }

        @Test
        void isNotLeftInTheResult() {
            JsonNode pod = patchPod("""
                    spec:
                      $setElementOrder/containers: [{name: app}, {name: sidecar}]
                      containers: [{name: app, image: 'nginx:1.26'}]
                    """);
            assertThat(pod.at("/spec").has("$setElementOrder/containers")).isFalse();
            assertThat(containers(pod).at("/0/image").asText()).isEqualTo("nginx:1.26");
        }

        @Test
        void patchItemsOutOfOrderAreRejected() {
            assertThatThrownBy(() -> patchPod("""
                    spec:
                      $setElementOrder/containers: [{name: app}, {name: sidecar}]
                      containers: [{name: sidecar, image: x}, {name: app, image: y}]
                    """))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessageStartingWith("the order in patch list [{\"name\":\"sidecar\"");
        }

        @Test
        void patchItemsMissingFromTheOrderAreRejected() {
            assertThatThrownBy(() -> patchPod("""
                    spec:
                      $setElementOrder/containers: [{name: app}]
                      containers: [{name: sidecar, image: x}]
                    """))
                    .isInstanceOf(PatchException.class)
                    .hasMessageContaining("doesn't match $setElementOrder list");
        }
    }

    @Nested
    class RetainKeys {

        private static final String DEPLOYMENT = """
                spec:
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                  template:
                    spec:
                      volumes: [{name: data, emptyDir: {medium: Memory}}]
                """;

        @Test
        void clearsTheFieldsNotListed() {
            JsonNode result = apply("Deployment", DEPLOYMENT, """
                    spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: null}}
                    """);
            assertThat(result.at("/spec/strategy")).isEqualTo(yaml("{type: Recreate}"));
        }

        @Test
        void worksInsideListElements() {
            JsonNode result = apply("Deployment", DEPLOYMENT, """
                    spec:
                      template:
                        spec:
                          volumes: [{name: data, $retainKeys: [configMap, name], configMap: {name: cfg}}]
                    """);
            assertThat(result.at("/spec/template/spec/volumes")).isEqualTo(yaml("[{name: data, configMap: {name: cfg}}]"));
        }

        @Test
        void thePatchMaySetOnlyRetainedFields() {
            assertThatThrownBy(() -> apply("Deployment", DEPLOYMENT, """
                    spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: {maxSurge: 1}}}
                    """))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessage("invalid patch format of retainKeys: the patch sets \"rollingUpdate\", "
                            + "which $retainKeys does not list");
        }

        @Test
        void mustBeAList() {
            assertThatThrownBy(() -> apply("Deployment", DEPLOYMENT, "spec: {strategy: {$retainKeys: type}}"))
                    .isInstanceOf(PatchException.class)
                    .hasMessage("invalid patch format of retainKeys");
        }
    }

    @Nested
    class Kubectl {

        private static final String DEPLOYMENT = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: default
                  uid: 1b4d
                  resourceVersion: "812"
                  generation: 3
                  labels: {app: web, tier: frontend}
                  annotations:
                    deployment.kubernetes.io/revision: "2"
                    kubectl.kubernetes.io/last-applied-configuration: '{"old":"config"}'
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  strategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.25
                        imagePullPolicy: IfNotPresent
                        terminationMessagePath: /dev/termination-log
                        ports:
                        - {containerPort: 80, protocol: TCP}
                        - {containerPort: 443, protocol: TCP}
                        env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                        resources: {}
                      restartPolicy: Always
                      dnsPolicy: ClusterFirst
                status:
                  replicas: 2
                  readyReplicas: 2
                  conditions:
                  - {type: Available, status: "True"}
                """;

        @Test
        void secondApplyOfADeployment() {
            // What kubectl apply sends when the manifest changes replicas, the image, a port, an env
            // var and a label since the last apply, and adds a sidecar.
            JsonNode result = StrategicMergePatch.apply("Deployment", yaml(DEPLOYMENT), json("""
                    {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"new\\":\\"config\\"}"},
                                 "labels":{"tier":null}},
                     "spec":{"replicas":3,
                             "template":{"spec":{
                               "$setElementOrder/containers":[{"name":"web"},{"name":"log"}],
                               "containers":[
                                 {"$setElementOrder/env":[{"name":"A"},{"name":"C"}],
                                  "$setElementOrder/ports":[{"containerPort":80}],
                                  "env":[{"name":"C","value":"3"},{"$patch":"delete","name":"B"}],
                                  "image":"nginx:1.26",
                                  "name":"web",
                                  "ports":[{"$patch":"delete","containerPort":443}]},
                                 {"image":"busybox","name":"log"}]}}}}
                    """));

            JsonNode expected = yaml(DEPLOYMENT);
            ((ObjectNode) expected.at("/metadata/annotations"))
                    .put("kubectl.kubernetes.io/last-applied-configuration", "{\"new\":\"config\"}");
            ((ObjectNode) expected.at("/metadata/labels")).remove("tier");
            ((ObjectNode) expected.at("/spec")).put("replicas", 3);
            ((ObjectNode) expected.at("/spec/template/spec")).set("containers", yaml("""
                    - name: web
                      image: nginx:1.26
                      imagePullPolicy: IfNotPresent
                      terminationMessagePath: /dev/termination-log
                      ports:
                      - {containerPort: 80, protocol: TCP}
                      env:
                      - {name: A, value: "1"}
                      - {name: C, value: "3"}
                      resources: {}
                    - {name: log, image: busybox}
                    """));
            assertThat(result).isEqualTo(expected);
        }

        @Test
        void setImage() {
            JsonNode result = StrategicMergePatch.apply("Deployment", yaml(DEPLOYMENT), json("""
                    {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
                     "containers":[{"image":"nginx:1.27","name":"web"}]}}}}
                    """));
            assertThat(result.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
            assertThat(result.at("/spec/template/spec/containers/0/env")).hasSize(2);
        }

        @Test
        void rolloutRestart() {
            JsonNode result = StrategicMergePatch.apply("Deployment", yaml(DEPLOYMENT), json("""
                    {"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2025-01-01T00:00:00Z"}}}}}
                    """));
            assertThat(result.at("/spec/template/metadata")).isEqualTo(yaml("""
                    labels: {app: web}
                    annotations: {kubectl.kubernetes.io/restartedAt: "2025-01-01T00:00:00Z"}
                    """));
        }

        @Test
        void labelAnnotateAndScale() {
            JsonNode labelled = StrategicMergePatch.apply("Deployment", yaml(DEPLOYMENT),
                    json("{'metadata':{'labels':{'env':'prod','tier':null},'resourceVersion':'812'}}"));
            assertThat(labelled.at("/metadata/labels")).isEqualTo(yaml("{app: web, env: prod}"));

            JsonNode annotated = StrategicMergePatch.apply("Deployment", yaml(DEPLOYMENT),
                    json("{'metadata':{'annotations':{'owner':'team-a'}}}"));
            assertThat(annotated.at("/metadata/annotations")).hasSize(3);

            JsonNode scaled = StrategicMergePatch.apply("Deployment", yaml(DEPLOYMENT), json("{'spec':{'replicas':5}}"));
            assertThat(scaled.at("/spec/replicas").asInt()).isEqualTo(5);

            JsonNode scale = StrategicMergePatch.apply("Scale",
                    yaml("{kind: Scale, spec: {replicas: 2}, status: {replicas: 2}}"), json("{'spec':{'replicas':0}}"));
            assertThat(scale).isEqualTo(yaml("{kind: Scale, spec: {replicas: 0}, status: {replicas: 2}}"));
        }

        @Test
        void editRemovingTheLastEnvVar() {
            JsonNode result = StrategicMergePatch.apply("ReplicaSet", yaml(DEPLOYMENT), json("""
                    {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"}],
                     "containers":[{"env":null,"name":"web"}]}}}}
                    """));
            assertThat(result.at("/spec/template/spec/containers/0").has("env")).isFalse();
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownKindIsUnsupported() {
            assertThatThrownBy(() -> apply("Widget", "{}", "{}"))
                    .isInstanceOfSatisfying(PatchException.class, e -> {
                        assertThat(e.code()).isEqualTo(415);
                        assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
                    })
                    .hasMessage("strategic merge patch is not supported for kind Widget");
        }

        @Test
        void patchMustBeAnObject() {
            assertThatThrownBy(() -> StrategicMergePatch.apply("Pod", yaml(POD), json("[]")))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessage("a strategic merge patch must be a JSON object");
        }

        @Test
        void elementWithoutMergeKey() {
            assertThatThrownBy(() -> patchPod("spec: {containers: [{image: x}]}"))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessage("map: {\"image\":\"x\"} does not contain declared merge key: name");
            assertThatThrownBy(() -> patchPod("spec: {containers: [{$patch: delete}]}"))
                    .hasMessage("map: {\"$patch\":\"delete\"} does not contain declared merge key: name");
        }

        @Test
        void unknownDirective() {
            assertThatThrownBy(() -> patchPod("spec: {containers: [{name: app, $patch: explode}]}"))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessage("unknown patch type: explode in map: {\"name\":\"app\",\"$patch\":\"explode\"}");
            assertThatThrownBy(() -> patchPod("metadata: {$patch: explode}"))
                    .hasMessage("unknown patch type: explode in map: {\"$patch\":\"explode\"}");
        }

        @Test
        void malformedListDirectives() {
            assertThatThrownBy(() -> patchPod("metadata: {$setElementOrder/finalizers: a}"))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400))
                    .hasMessage("invalid patch format of setElementOrder list");
            assertThatThrownBy(() -> patchPod("metadata: {$setElementOrder: [a]}"))
                    .hasMessage("invalid patch format of setElementOrder list");
            assertThatThrownBy(() -> patchPod("metadata: {$deleteFromPrimitiveList/finalizers: a}"))
                    .hasMessage("invalid patch format of primitive list");
            assertThatThrownBy(() -> patchPod("metadata: {$deleteFromPrimitiveList/finalizers: [{a: b}]}"))
                    .hasMessage("invalid patch format of primitive list");
        }

        @Test
        void listsThatCannotMerge() {
            assertThatThrownBy(() -> patchPod("metadata: {finalizers: [[a]]}"))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(422))
                    .hasMessage("lists of lists are not supported");
            assertThatThrownBy(() -> patchPod("metadata: {finalizers: [{a: b}]}"))
                    .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(422))
                    .hasMessage("list element types are not identical: [\"a\",\"b\"], [{\"a\":\"b\"}]");
        }
    }

    @Test
    void inputsAreNotChanged() {
        JsonNode original = yaml(POD);
        JsonNode patch = yaml("""
                metadata: {labels: {tier: null}, finalizers: [z]}
                spec:
                  $setElementOrder/containers: [{name: sidecar}, {name: app}]
                  containers: [{name: app, env: [{name: A, $patch: delete}, {name: N, value: n}]}]
                """);
        JsonNode patchCopy = patch.deepCopy();
        JsonNode result = StrategicMergePatch.apply("Pod", original, patch);

        assertThat(original).isEqualTo(yaml(POD));
        assertThat(patch).isEqualTo(patchCopy);
        ((ObjectNode) result.at("/spec/containers/1/env/0")).put("value", "x");
        assertThat(patch).isEqualTo(patchCopy);
    }

    @Test
    void theSameContainerRulesHoldInPodsDeploymentsAndReplicaSets() {
        String template = """
                spec:
                  template:
                    spec:
                      containers: [{name: a, image: x}, {name: b, image: y}]
                """;
        String patch = "spec: {template: {spec: {containers: [{name: b, image: z}]}}}";
        for (String kind : new String[] {"Deployment", "ReplicaSet"}) {
            assertThat(apply(kind, template, patch).at("/spec/template/spec/containers"))
                    .isEqualTo(yaml("[{name: a, image: x}, {name: b, image: z}]"));
        }
    }
}
