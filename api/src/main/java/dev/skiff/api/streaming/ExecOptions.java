package dev.skiff.api.streaming;

import dev.skiff.api.status.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * What a {@code pods/exec} request asks for — {@code command} (repeated, one word each), {@code stdin},
 * {@code stdout}, {@code stderr}, {@code tty} — checked as Kubernetes checks it, and the WebSocket
 * subprotocols its stream speaks.
 *
 * <p>The stream is Kubernetes' channel protocol: every binary message starts with its channel. The
 * client sends {@link #STDIN} and {@link #RESIZE} (a terminal's size, {@code {"Width":80,"Height":24}});
 * the server sends {@link #STDOUT}, {@link #STDERR}, then {@link #ERROR} carrying the end as a Status.
 * v5 adds {@link #CLOSE}, whose one byte names the channel the client has closed: closing stdin is
 * how its end (EOF) reaches the command, which v4 cannot say.
 */
public record ExecOptions(List<String> command, boolean stdin, boolean stdout, boolean stderr, boolean tty) {

    /** The subprotocols served, most preferred first; the client's first one among them is chosen. */
    public static final List<String> SUBPROTOCOLS = List.of("v5.channel.k8s.io", "v4.channel.k8s.io");
    public static final byte STDIN = 0;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte ERROR = 3;
    public static final byte RESIZE = 4;
    public static final byte CLOSE = (byte) 255;

    public ExecOptions {
        command = List.copyOf(command);
    }

    /** The options of a request whose query parameters QUERY gives by name (an empty list when absent); 400 when they cannot be served. */
    public static ExecOptions parse(Function<String, List<String>> query) {
        List<String> command = query.apply("command");
        boolean stdin = flag(query, "stdin");
        boolean stdout = flag(query, "stdout");
        boolean stderr = flag(query, "stderr");
        boolean tty = flag(query, "tty");
        if (command.isEmpty()) {
            throw ApiException.badRequest("you must specify at least 1 command");
        }
        if (!stdin && !stdout && !stderr) {
            throw ApiException.badRequest("you must specify at least one of stdin, stdout, stderr");
        }
        if (tty && stderr) {
            throw ApiException.badRequest("stderr must be false when tty is true: a terminal has one output stream");
        }
        return new ExecOptions(command, stdin, stdout, stderr, tty);
    }

    /** The query that asks the same again (the api-server's to the kubelet). */
    public String query() {
        StringBuilder query = new StringBuilder();
        for (String word : command) {
            query.append(query.isEmpty() ? "" : "&").append("command=").append(URLEncoder.encode(word, StandardCharsets.UTF_8));
        }
        return query + "&stdin=" + stdin + "&stdout=" + stdout + "&stderr=" + stderr + "&tty=" + tty;
    }

    private static boolean flag(Function<String, List<String>> query, String name) {
        List<String> values = query.apply(name);
        return !values.isEmpty() && (values.get(0).equals("true") || values.get(0).equals("1"));
    }
}
