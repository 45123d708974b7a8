package dev.skiff.apiserver.health;

import dev.skiff.store.Store;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The api-server's non-resource endpoints kubectl and operators use: {@code /version} and the
 * Kubernetes health endpoints ({@code /healthz}, {@code /livez}, {@code /readyz}; readiness
 * follows the store).
 */
@Path("/")
public class ServerEndpoints {

    /** The Kubernetes API version Skiff follows. */
    static final String KUBERNETES_MAJOR = "1";
    static final String KUBERNETES_MINOR = "32";

    private final Store store;

    public ServerEndpoints(Store store) {
        this.store = store;
    }

    @GET
    @Path("version")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> version() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("major", KUBERNETES_MAJOR);
        v.put("minor", KUBERNETES_MINOR);
        v.put("gitVersion", "v" + KUBERNETES_MAJOR + "." + KUBERNETES_MINOR + ".0-skiff");
        v.put("gitCommit", "");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "javac");
        v.put("platform", System.getProperty("os.name").toLowerCase() + "/" + System.getProperty("os.arch"));
        return v;
    }

    @GET
    @Path("healthz")
    @Produces(MediaType.TEXT_PLAIN)
    public Response healthz() {
        return readyz();
    }

    @GET
    @Path("livez")
    @Produces(MediaType.TEXT_PLAIN)
    public String livez() {
        return "ok";
    }

    @GET
    @Path("readyz")
    @Produces(MediaType.TEXT_PLAIN)
    public Response readyz() {
        return store.isHealthy()
                ? Response.ok("ok").build()
                : Response.status(503).entity("[-]store failed: the store does not answer\nreadyz check failed").build();
    }
}
