package dev.skiff.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.store.Store;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Watch streams: initial events, resume, selectors, bookmarks, timeouts and 410 after compaction. */
@QuarkusTest
class WatchApiTest {

    private static final String NS = "watching";
    private static final String CMS = "/api/v1/namespaces/" + NS + "/configmaps";

    @TestHTTPResource("/")
    URI base;

    @Inject
    Store store;

    @BeforeEach
    void namespace() {
        if (given().get("/api/v1/namespaces/" + NS).statusCode() == 404) {
            given().contentType(ContentType.JSON).body(Manifests.namespace(NS)).post("/api/v1/namespaces").then().statusCode(201);
        }
    }

    private static String createConfigMap(String name, String value) {
        return given().contentType(ContentType.JSON).body(Manifests.configMap(name, "k", value)).post(CMS)
                .then().statusCode(201).extract().path("metadata.resourceVersion");
    }

    @Test
    void initialEventsThenLiveChanges() throws Exception {
        createConfigMap("w-initial", "1");
        try (WatchStream watch = WatchStream.open(base, CMS + "?watch=true&fieldSelector=metadata.name%3Dw-initial")) {
            assertThat(watch.statusCode()).isEqualTo(200);
            JsonNode first = watch.next();
            assertThat(WatchStream.type(first)).isEqualTo("ADDED");
            assertThat(first.path("object").path("data").path("k").asText()).isEqualTo("1");

            given().contentType("application/merge-patch+json").body("{\"data\":{\"k\":\"2\"}}").patch(CMS + "/w-initial")
                    .then().statusCode(200);
            JsonNode modified = watch.next();
            assertThat(WatchStream.type(modified)).isEqualTo("MODIFIED");
            assertThat(modified.path("object").path("data").path("k").asText()).isEqualTo("2");

            given().delete(CMS + "/w-initial").then().statusCode(200);
            JsonNode deleted = watch.next();
            assertThat(WatchStream.type(deleted)).isEqualTo("DELETED");
            assertThat(Long.parseLong(deleted.path("object").path("metadata").path("resourceVersion").asText()))
                    .isGreaterThan(Long.parseLong(modified.path("object").path("metadata").path("resourceVersion").asText()));
        }
    }

    @Test
    void resumeFromAResourceVersionSeesOnlyLaterChangesInOrder() throws Exception {
        String rv = createConfigMap("w-resume-0", "0");
        createConfigMap("w-resume-1", "1");
        createConfigMap("w-resume-2", "2");
        try (WatchStream watch = WatchStream.open(base, "/api/v1/watch/namespaces/" + NS + "/configmaps?resourceVersion=" + rv)) {
            List<String> names = new ArrayList<>();
            names.add(WatchStream.name(watch.next()));
            names.add(WatchStream.name(watch.next()));
            assertThat(names).containsExactly("w-resume-1", "w-resume-2");
        }
    }

    @Test
    void aNamespaceWatchSeesItsNamespaceOnlyAndWatchersGetTheSameEvents() throws Exception {
        String other = NS + "-2"; // its keys start with this namespace's name: only the namespace's own prefix may match
        if (given().get("/api/v1/namespaces/" + other).statusCode() == 404) {
            given().contentType(ContentType.JSON).body(Manifests.namespace(other)).post("/api/v1/namespaces").then().statusCode(201);
        }
        String from = Long.toString(store.currentRevision());
        try (WatchStream first = WatchStream.open(base, CMS + "?watch=true&resourceVersion=" + from);
             WatchStream second = WatchStream.open(base, CMS + "?watch=true&resourceVersion=" + from)) {
            given().contentType(ContentType.JSON).body(Manifests.configMap("w-elsewhere", "k", "0"))
                    .post("/api/v1/namespaces/" + other + "/configmaps").then().statusCode(201);
            String rv = createConfigMap("w-here", "1");

            JsonNode seen = first.next();
            assertThat(WatchStream.type(seen)).isEqualTo("ADDED");
            assertThat(WatchStream.name(seen)).isEqualTo("w-here");
            assertThat(seen.path("object").path("metadata").path("resourceVersion").asText()).isEqualTo(rv);
            assertThat(seen.path("object").path("data").path("k").asText()).isEqualTo("1");
            assertThat(second.next()).isEqualTo(seen);
        }
    }

    @Test
    void labelSelectorTransitionsAreAddedAndDeleted() throws Exception {
        createConfigMap("w-label", "1");
        try (WatchStream watch = WatchStream.open(base, CMS + "?watch=1&labelSelector=tier%3Dfront")) {
            given().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"tier\":\"front\"}}}")
                    .patch(CMS + "/w-label").then().statusCode(200);
            JsonNode in = watch.next();
            assertThat(WatchStream.type(in)).isEqualTo("ADDED");
            assertThat(WatchStream.name(in)).isEqualTo("w-label");
            given().contentType("application/merge-patch+json").body("{\"metadata\":{\"labels\":{\"tier\":\"back\"}}}")
                    .patch(CMS + "/w-label").then().statusCode(200);
            JsonNode out = watch.next();
            assertThat(WatchStream.type(out)).isEqualTo("DELETED");
            assertThat(WatchStream.name(out)).isEqualTo("w-label");
        }
    }

    @Test
    void timeoutSecondsEndsTheStream() throws Exception {
        try (WatchStream watch = WatchStream.open(base, CMS + "?watch=true&timeoutSeconds=1&resourceVersion="
                + store.currentRevision())) {
            assertThat(watch.next()).isSameAs(WatchStream.END);
        }
    }

    @Test
    void sendInitialEventsEndsWithABookmark() throws Exception {
        createConfigMap("w-bookmark", "1");
        try (WatchStream watch = WatchStream.open(base, CMS
                + "?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan"
                + "&fieldSelector=metadata.name%3Dw-bookmark")) {
            assertThat(WatchStream.type(watch.next())).isEqualTo("ADDED");
            JsonNode bookmark = watch.next();
            assertThat(WatchStream.type(bookmark)).isEqualTo("BOOKMARK");
            assertThat(bookmark.path("object").path("metadata").path("annotations").path("k8s.io/initial-events-end").asText())
                    .isEqualTo("true");
        }
        given().queryParam("watch", "true").queryParam("sendInitialEvents", "true").get(CMS).then().statusCode(422);
    }

    @Test
    void compactedResourceVersionIsGone() throws Exception {
        String old = createConfigMap("w-compact", "1");
        for (int i = 0; i < 3; i++) {
            given().contentType("application/merge-patch+json").body("{\"data\":{\"k\":\"v" + i + "\"}}")
                    .patch(CMS + "/w-compact").then().statusCode(200);
        }
        store.compact(store.currentRevision());
        // A resourceVersion older than the watch cache's window and than the store's history.
        try (WatchStream watch = WatchStream.open(base, CMS + "?watch=true&resourceVersion=1")) {
            JsonNode error = watch.next();
            assertThat(WatchStream.type(error)).isEqualTo("ERROR");
            assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(error.path("object").path("reason").asText()).isEqualTo("Expired");
        }
        assertThat(old).isNotEmpty();
    }

    @Test
    void badWatchParametersAreBadRequest() {
        given().queryParam("watch", "true").queryParam("resourceVersion", "abc").get(CMS).then().statusCode(400);
        given().queryParam("watch", "true").queryParam("timeoutSeconds", "-1").get(CMS).then().statusCode(400);
    }
}
