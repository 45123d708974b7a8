package dev.skiff.apiserver;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

/**
 * The review resources: answered as an api-server without authentication and with authorization
 * mode AlwaysAllow answers them, checked as Kubernetes checks them, never stored.
 */
@QuarkusTest
class ReviewApiTest {

    private static final String AUTHORIZATION = "/apis/authorization.k8s.io/v1";
    private static final String SSAR = AUTHORIZATION + "/selfsubjectaccessreviews";
    private static final String SELF_SUBJECT_REVIEWS = "/apis/authentication.k8s.io/v1/selfsubjectreviews";

    private static String review(String kind, String spec) {
        String group = kind.equals("SelfSubjectReview") ? "authentication.k8s.io" : "authorization.k8s.io";
        return """
                {"apiVersion":"%s/v1","kind":"%s","metadata":{"creationTimestamp":null}%s}"""
                .formatted(group, kind, spec == null ? "" : ",\"spec\":" + spec);
    }

    @Test
    void selfSubjectAccessReviewIsAllowedAndEchoesItsSpec() {
        given().contentType(ContentType.JSON)
                .body(review("SelfSubjectAccessReview", """
                        {"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}}"""))
                .post(SSAR).then().statusCode(201)
                .body("kind", equalTo("SelfSubjectAccessReview"))
                .body("apiVersion", equalTo("authorization.k8s.io/v1"))
                .body("spec.resourceAttributes.verb", equalTo("create"))
                .body("spec.resourceAttributes.resource", equalTo("pods"))
                .body("status.allowed", equalTo(true));
        given().contentType(ContentType.JSON)
                .body("{\"spec\":{\"resourceAttributes\":{\"verb\":\"list\",\"resource\":\"secrets\"}}}")
                .post(SSAR).then().statusCode(201)
                .body("kind", equalTo("SelfSubjectAccessReview"))
                .body("metadata.size()", equalTo(0))
                .body("status.allowed", equalTo(true));
        given().contentType(ContentType.JSON)
                .body(review("SelfSubjectAccessReview", """
                        {"nonResourceAttributes":{"path":"/healthz","verb":"get"}}"""))
                .post(SSAR).then().statusCode(201).body("status.allowed", equalTo(true));
    }

    @Test
    void accessReviewNeedsExactlyOneKindOfAttributes() {
        given().contentType(ContentType.JSON).body(review("SelfSubjectAccessReview", "{}"))
                .post(SSAR).then().statusCode(422)
                .body("reason", equalTo("Invalid"))
                .body("details.kind", equalTo("SelfSubjectAccessReview"))
                .body("details.causes[0].field", equalTo("spec.resourceAttributes"))
                .body("message", containsString("exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        given().contentType(ContentType.JSON).body(review("SelfSubjectAccessReview", """
                        {"resourceAttributes":{"verb":"get","resource":"pods"},"nonResourceAttributes":{"path":"/","verb":"get"}}"""))
                .post(SSAR).then().statusCode(422)
                .body("details.causes[0].field", equalTo("spec.nonResourceAttributes"))
                .body("message", containsString("cannot be specified in combination with resourceAttributes"));
    }

    @Test
    void reviewMetadataMustBeEmpty() {
        given().contentType(ContentType.JSON)
                .body(review("SelfSubjectAccessReview", "{\"resourceAttributes\":{\"verb\":\"get\"}}")
                        .replace("\"creationTimestamp\":null", "\"name\":\"mine\""))
                .post(SSAR).then().statusCode(422)
                .body("details.causes[0].field", equalTo("metadata"))
                .body("message", containsString("must be empty"));
    }

    @Test
    void subjectAccessReviewNeedsAUserOrAGroup() {
        String path = AUTHORIZATION + "/subjectaccessreviews";
        given().contentType(ContentType.JSON).body(review("SubjectAccessReview", "{\"resourceAttributes\":{\"verb\":\"get\"}}"))
                .post(path).then().statusCode(422)
                .body("details.causes[0].field", equalTo("spec.user"))
                .body("message", containsString("at least one of user or group must be specified"));
        given().contentType(ContentType.JSON)
                .body(review("SubjectAccessReview", "{\"user\":\"alice\",\"resourceAttributes\":{\"verb\":\"get\"}}"))
                .post(path).then().statusCode(201)
                .body("spec.user", equalTo("alice"))
                .body("status.allowed", equalTo(true));
    }

    @Test
    void localSubjectAccessReviewStaysInItsNamespace() {
        String path = AUTHORIZATION + "/namespaces/default/localsubjectaccessreviews";
        given().contentType(ContentType.JSON)
                .body(review("LocalSubjectAccessReview", "{\"groups\":[\"dev\"],\"resourceAttributes\":{\"namespace\":\"default\",\"verb\":\"list\"}}"))
                .post(path).then().statusCode(201)
                .body("metadata.namespace", equalTo("default"))
                .body("status.allowed", equalTo(true));
        given().contentType(ContentType.JSON)
                .body(review("LocalSubjectAccessReview", "{\"user\":\"bob\",\"resourceAttributes\":{\"verb\":\"list\"}}"))
                .post(path).then().statusCode(201)
                .body("spec.resourceAttributes.namespace", equalTo("default"))
                .body("status.allowed", equalTo(true));
        given().contentType(ContentType.JSON)
                .body(review("LocalSubjectAccessReview", "{\"groups\":[\"dev\"],\"resourceAttributes\":{\"namespace\":\"other\",\"verb\":\"list\"}}"))
                .post(path).then().statusCode(400)
                .body("message", equalTo("spec.resourceAttributes.namespace must match namespace: default"));
        given().contentType(ContentType.JSON)
                .body(review("LocalSubjectAccessReview", "{\"user\":\"bob\",\"nonResourceAttributes\":{\"path\":\"/\",\"verb\":\"get\"}}"))
                .post(path).then().statusCode(422)
                .body("details.causes[0].field", equalTo("spec.nonResourceAttributes"))
                .body("message", containsString("disallowed on this kind of request"));
        given().contentType(ContentType.JSON)
                .body(review("LocalSubjectAccessReview", "{\"user\":\"bob\",\"resourceAttributes\":{\"namespace\":\"default\"}}")
                        .replace("\"creationTimestamp\":null", "\"namespace\":\"other\""))
                .post(path).then().statusCode(400)
                .body("message", containsString("does not match the namespace sent on the request"));
    }

    @Test
    void rulesReviewListsEverything() {
        given().contentType(ContentType.JSON).body(review("SelfSubjectRulesReview", "{\"namespace\":\"default\"}"))
                .post(AUTHORIZATION + "/selfsubjectrulesreviews").then().statusCode(201)
                .body("spec.namespace", equalTo("default"))
                .body("status.resourceRules[0].verbs", hasItems("*"))
                .body("status.resourceRules[0].apiGroups", hasItems("*"))
                .body("status.resourceRules[0].resources", hasItems("*"))
                .body("status.nonResourceRules[0].nonResourceURLs", hasItems("*"))
                .body("status.incomplete", equalTo(false));
    }

    @Test
    void selfSubjectReviewNamesTheAnonymousUser() {
        given().contentType(ContentType.JSON).body(review("SelfSubjectReview", null))
                .post(SELF_SUBJECT_REVIEWS).then().statusCode(201)
                .body("kind", equalTo("SelfSubjectReview"))
                .body("status.userInfo.username", equalTo("system:anonymous"))
                .body("status.userInfo.groups", hasItems("system:unauthenticated"));
    }

    @Test
    void createIsTheOnlyVerbAndReviewsAreNotObjects() {
        given().get(SSAR).then().statusCode(405).body("reason", equalTo("MethodNotAllowed"));
        given().contentType(ContentType.JSON).body(review("SelfSubjectAccessReview", "{}")).put(SSAR).then().statusCode(405);
        given().get(SSAR + "/mine").then().statusCode(404).body("kind", equalTo("Status"));
        given().contentType(ContentType.JSON).body(review("SelfSubjectAccessReview", "{\"resourceAttributes\":{}}"))
                .post(AUTHORIZATION + "/namespaces/default/selfsubjectaccessreviews").then().statusCode(404);
        given().contentType(ContentType.JSON).body(review("LocalSubjectAccessReview", "{\"user\":\"bob\"}"))
                .post(AUTHORIZATION + "/localsubjectaccessreviews").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"apiVersion\":\"authorization.k8s.io/v1\",").post(SSAR)
                .then().statusCode(400).body("reason", equalTo("BadRequest"));
        given().contentType(ContentType.JSON).body(review("SelfSubjectRulesReview", "{}")).post(SSAR)
                .then().statusCode(400).body("message", containsString("does not match the expected kind"));
        given().contentType(ContentType.JSON).body(review("SelfSubjectAccessReview", "[]")).post(SSAR)
                .then().statusCode(400).body("message", containsString("spec must be an object"));
        given().contentType(ContentType.JSON).body(review("LocalSubjectAccessReview", "{\"user\":\"bob\",\"resourceAttributes\":\"pods\"}"))
                .post(AUTHORIZATION + "/namespaces/default/localsubjectaccessreviews")
                .then().statusCode(400).body("message", containsString("spec.resourceAttributes must be an object"));
    }

    @Test
    void discoveryListsTheReviewGroups() {
        given().get("/apis").then().statusCode(200)
                .body("groups.name", hasItems("authorization.k8s.io", "authentication.k8s.io"));
        given().get("/apis/authorization.k8s.io").then().statusCode(200)
                .body("preferredVersion.groupVersion", equalTo("authorization.k8s.io/v1"));
        given().get(AUTHORIZATION).then().statusCode(200)
                .body("resources.name", hasItems("selfsubjectaccessreviews", "selfsubjectrulesreviews",
                        "subjectaccessreviews", "localsubjectaccessreviews"))
                .body("resources.find { it.name == 'localsubjectaccessreviews' }.namespaced", equalTo(true))
                .body("resources.find { it.name == 'selfsubjectaccessreviews' }.verbs", equalTo(java.util.List.of("create")));
        given().get("/apis/authentication.k8s.io/v1").then().statusCode(200)
                .body("resources.name", hasItems("selfsubjectreviews"));
        given().get("/apis/authentication.k8s.io/v1beta1").then().statusCode(404);
        given().get("/api/v1").then().statusCode(200).body("resources.name", not(hasItems("selfsubjectaccessreviews")));
    }
}
