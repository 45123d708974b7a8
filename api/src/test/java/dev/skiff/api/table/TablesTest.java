package dev.skiff.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.skiff.api.table.TableTestSupport.NOW;
import static dev.skiff.api.table.TableTestSupport.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TablesTest {

    private static final ConfigMap CM = yaml("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: default
              uid: 6f0d5a9e-1111-2222-3333-444455556666
              resourceVersion: "17"
              creationTimestamp: "2024-05-01T11:00:00Z"
              labels: {app: web}
            data: {k: v}
            """, ConfigMap.class);

    private static final ConfigMap CM2 = yaml("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: other, namespace: default, resourceVersion: "18", creationTimestamp: "2024-05-01T11:30:00Z"}
            """, ConfigMap.class);

    @Test
    void tableShape() {
        ObjectNode t = Tables.render("ConfigMap", List.of(CM, CM2), "99", "tok", null, NOW);
        assertThat(t.path("kind").asText()).isEqualTo("Table");
        assertThat(t.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
        assertThat(t.path("metadata").path("resourceVersion").asText()).isEqualTo("99");
        assertThat(t.path("metadata").path("continue").asText()).isEqualTo("tok");
        JsonNode first = t.path("columnDefinitions").path(0);
        assertThat(first.path("name").asText()).isEqualTo("Name");
        assertThat(first.path("type").asText()).isEqualTo("string");
        assertThat(first.path("format").asText()).isEqualTo("name");
        assertThat(first.path("description").asText()).startsWith("Name must be unique within a namespace.");
        assertThat(first.path("priority").isInt()).isTrue();
        JsonNode age = t.path("columnDefinitions").path(2);
        assertThat(age.has("format")).isTrue();
        assertThat(age.path("format").asText()).isEmpty();
        assertThat(t.path("rows")).hasSize(2);
        assertThat(t.path("rows").path(1).path("cells").path(0).asText()).isEqualTo("other");
        assertThat(t.path("rows").path(0).has("conditions")).isFalse();
    }

    @Test
    void emptyMetadataFieldsAreOmitted() {
        ObjectNode t = Tables.render("ConfigMap", List.<HasMetadata>of(), null, "", null, NOW);
        assertThat(t.path("metadata").isObject()).isTrue();
        assertThat(t.path("metadata").size()).isZero();
        assertThat(t.path("rows").isArray()).isTrue();
        assertThat(t.path("rows")).isEmpty();
        assertThat(t.path("columnDefinitions")).hasSize(3);
    }

    @Test
    void includeObjectMetadataIsTheDefault() {
        for (String include : new String[] {null, "", "Metadata"}) {
            JsonNode obj = Tables.render("ConfigMap", List.of(CM), "99", null, include, NOW)
                    .path("rows").path(0).path("object");
            assertThat(obj.path("kind").asText()).isEqualTo("PartialObjectMetadata");
            assertThat(obj.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
            assertThat(obj.path("metadata").path("name").asText()).isEqualTo("settings");
            assertThat(obj.path("metadata").path("labels").path("app").asText()).isEqualTo("web");
            assertThat(obj.path("metadata").path("resourceVersion").asText()).isEqualTo("17");
            assertThat(obj.has("data")).isFalse();
        }
    }

    @Test
    void includeObjectObjectAndNone() {
        JsonNode full = Tables.render("ConfigMap", List.of(CM), "99", null, "Object", NOW)
                .path("rows").path(0).path("object");
        assertThat(full.path("kind").asText()).isEqualTo("ConfigMap");
        assertThat(full.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(full.path("data").path("k").asText()).isEqualTo("v");

        JsonNode row = Tables.render("ConfigMap", List.of(CM), "99", null, "None", NOW).path("rows").path(0);
        assertThat(row.has("object")).isTrue();
        assertThat(row.path("object").isNull()).isTrue();
    }

    @Test
    void unsupportedIncludeObjectIsABadRequest() {
        assertThatThrownBy(() -> Tables.render("ConfigMap", List.of(CM), "1", null, "Everything", NOW))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo("includeObject: Unsupported value: \"Everything\": "
                            + "supported values: \"\", \"Metadata\", \"None\", \"Object\"");
                });
    }

    @Test
    void watchEventsAfterTheFirstOmitColumnDefinitions() {
        ObjectNode t = Tables.render("ConfigMap", List.of(CM), "17", null, null, NOW, true);
        assertThat(t.has("columnDefinitions")).isFalse();
        assertThat(t.path("rows")).hasSize(1);
        assertThat(t.path("metadata").path("resourceVersion").asText()).isEqualTo("17");
    }

    @Test
    void everyRowHasOneCellPerColumn() {
        for (String kind : List.of("Pod", "Node", "Namespace", "Deployment", "ReplicaSet", "Service", "Endpoints",
                "ConfigMap", "Secret", "Event", "Lease", "Widget")) {
            ObjectNode t = Tables.render(kind, List.of(CM), "1", null, null, NOW);
            assertThat(t.path("rows").path(0).path("cells").size()).as(kind)
                    .isEqualTo(t.path("columnDefinitions").size());
        }
    }
}
