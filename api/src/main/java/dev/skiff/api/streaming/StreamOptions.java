package dev.skiff.api.streaming;

import dev.skiff.api.status.ApiException;
import java.util.List;
import java.util.function.Function;

/**
 * Which of a process's streams a {@code pods/attach} or {@code pods/exec} request joins —
 * {@code stdin}, {@code stdout}, {@code stderr} — and whether on a terminal ({@code tty}), checked as
 * Kubernetes checks them. They travel in the {@link Channels} protocol.
 */
public record StreamOptions(boolean stdin, boolean stdout, boolean stderr, boolean tty) {

    /** The options of a request whose query parameters QUERY gives by name (an empty list when absent); 400 when they cannot be served. */
    public static StreamOptions parse(Function<String, List<String>> query) {
        boolean stdin = flag(query, "stdin");
        boolean stdout = flag(query, "stdout");
        boolean stderr = flag(query, "stderr");
        boolean tty = flag(query, "tty");
        if (!stdin && !stdout && !stderr) {
            throw ApiException.badRequest("you must specify at least one of stdin, stdout, stderr");
        }
        if (tty && stderr) {
            throw ApiException.badRequest("stderr must be false when tty is true: a terminal has one output stream");
        }
        return new StreamOptions(stdin, stdout, stderr, tty);
    }

    /** The query that asks the same again (the api-server's to the kubelet). */
    public String query() {
        return "stdin=" + stdin + "&stdout=" + stdout + "&stderr=" + stderr + "&tty=" + tty;
    }

    private static boolean flag(Function<String, List<String>> query, String name) {
        List<String> values = query.apply(name);
        return !values.isEmpty() && (values.get(0).equals("true") || values.get(0).equals("1"));
    }
}
