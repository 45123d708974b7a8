package dev.skiff.store.etcd;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import dev.skiff.store.StoreException;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.Status;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * etcd's KV service (Range, Txn, DeleteRange, Compact) called as gRPC over a Vert.x HTTP/2 client:
 * the store's every read and write, without jetcd's retry wrappers and thread hand-offs (a put cost
 * a third less client CPU this way than through jetcd's KV client, measured here). A unary gRPC call is one HTTP/2 POST to {@code /etcdserverpb.KV/METHOD}
 * whose body, either way, is one message behind a 5-byte header (compressed flag, length), with the
 * outcome in the {@code grpc-status} trailer (or header, when etcd answers with an error at once).
 * The messages are etcd's own (jetcd-grpc's generated classes); a response is parsed by the thread
 * that waits for it, not on the event loop, so a large list does not hold the loop. (Vert.x's gRPC
 * client was tried first: it gathers a large message by copying it again for every frame, 0.4 s for
 * a 3.6 MB list.) jetcd still serves watches and leases.
 *
 * <p>One endpoint is used at a time. A call whose connection cannot be made tries the next
 * endpoint at once; any other failure of the transport (a lost connection, an unavailable member,
 * a timeout) makes the next call start from the next endpoint. A call that may have reached etcd is
 * never sent again: a create sent twice would report its own key as existing.
 */
final class EtcdKv implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EtcdKv.class);
    private static final String SERVICE = "/etcdserverpb.KV/";
    private static final int MESSAGE_HEADER = 5;

    private final Vertx vertx;
    private final Context context;
    private final HttpClient client;
    private final List<SocketAddress> endpoints;
    private final AtomicInteger current = new AtomicInteger();
    private final EtcdCalls calls;
    private final Duration timeout;

    /**
     * @param endpoints {@code http://host:port} URLs of etcd members
     * @param timeout   the longest a call waits, also the idle time after which its stream is reset
     */
    EtcdKv(List<String> endpoints, Duration timeout) {
        this.endpoints = endpoints.stream().map(EtcdKv::address).toList();
        this.timeout = timeout;
        this.calls = new EtcdCalls(timeout);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    RangeResponse range(RangeRequest request, String operation, Function<Throwable, RuntimeException> expected) {
        return parse(calls.await(call("Range", request), operation, expected), RangeResponse::parseFrom, operation);
    }

    TxnResponse txn(TxnRequest request, String operation, Function<Throwable, RuntimeException> expected) {
        return parse(calls.await(call("Txn", request), operation, expected), TxnResponse::parseFrom, operation);
    }

    DeleteRangeResponse deleteRange(DeleteRangeRequest request, String operation) {
        return parse(calls.await(call("DeleteRange", request), operation), DeleteRangeResponse::parseFrom, operation);
    }

    CompactionResponse compact(CompactionRequest request, String operation, Function<Throwable, RuntimeException> expected) {
        return parse(calls.await(call("Compact", request), operation, expected), CompactionResponse::parseFrom, operation);
    }

    /** True if a Range answers within the given time, false on any failure. */
    boolean answers(RangeRequest request, Duration within) {
        try {
            call("Range", request).get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debugf(e, "etcd did not answer a read within %s", within);
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }

    /**
     * One unary call; it fails with gRPC's StatusRuntimeException when etcd answers with an error,
     * so that {@link EtcdCalls} tells etcd's errors apart as it does for jetcd's calls.
     */
    private CompletableFuture<byte[]> call(String method, MessageLite message) {
        byte[] bytes = message.toByteArray();
        Buffer body = Buffer.buffer(MESSAGE_HEADER + bytes.length).appendByte((byte) 0).appendInt(bytes.length).appendBytes(bytes);
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        // the whole exchange on the client's event loop: a response's body handler must be set before its data arrives
        context.runOnContext(start -> {
            int endpoint = current.get();
            connect(endpoint, SERVICE + method, endpoints.size())
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().compose(answer -> message(response, answer)))
                    .onSuccess(result::complete)
                    .onFailure(failure -> {
                        if (!isEtcdAnswer(failure)) {
                            moveOn(endpoint);
                        }
                        result.completeExceptionally(failure);
                    });
        });
        return result;
    }

    /** A request to the endpoint, or, if no connection can be made to it, to the next that takes one. */
    private Future<HttpClientRequest> connect(int endpoint, String path, int attemptsLeft) {
        SocketAddress address = endpoints.get(endpoint);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(address)
                .setHost(address.host())
                .setPort(address.port())
                .setURI(path)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/grpc")
                .putHeader("te", "trailers");
        return client.request(options).recover(failure -> {
            int next = moveOn(endpoint);
            return attemptsLeft > 1 ? connect(next, path, attemptsLeft - 1) : Future.failedFuture(failure);
        });
    }

    /** The message of a complete answer, or etcd's error as a gRPC status. */
    private static Future<byte[]> message(HttpClientResponse response, Buffer answer) {
        String status = response.headers().get("grpc-status");
        String text = response.headers().get("grpc-message");
        if (status == null) {
            status = response.trailers().get("grpc-status");
            text = response.trailers().get("grpc-message");
        }
        if (response.statusCode() != 200 || status == null) {
            return Future.failedFuture(Status.UNAVAILABLE.withDescription("etcd answered HTTP " + response.statusCode()
                    + (status == null ? " without a gRPC status" : "")).asRuntimeException());
        }
        if (!status.equals("0")) {
            return Future.failedFuture(Status.fromCodeValue(Integer.parseInt(status))
                    .withDescription(text == null ? null : percentDecoded(text)).asRuntimeException());
        }
        if (answer.length() < MESSAGE_HEADER || answer.getByte(0) != 0 || answer.getInt(1) != answer.length() - MESSAGE_HEADER) {
            return Future.failedFuture(Status.INTERNAL.withDescription("etcd's answer is not one uncompressed message ("
                    + answer.length() + " bytes)").asRuntimeException());
        }
        return Future.succeededFuture(answer.getBytes(MESSAGE_HEADER, answer.length()));
    }

    /** gRPC percent-encodes the bytes of grpc-message outside printable ASCII, and '%' itself. */
    private static String percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Makes the endpoint after {@code failed} the current one, unless another call did already; returns the current one. */
    private int moveOn(int failed) {
        int next = (failed + 1) % endpoints.size();
        return current.compareAndSet(failed, next) ? next : current.get();
    }

    /** etcd itself answered (a compacted revision, a missing lease): the member works, the request did not. */
    private static boolean isEtcdAnswer(Throwable failure) {
        Status.Code code = Status.fromThrowable(failure).getCode();
        return code != Status.Code.UNKNOWN && code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED
                && code != Status.Code.CANCELLED;
    }

    private static <T> T parse(byte[] bytes, Parser<T> parser, String operation) {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(operation + ": etcd's answer could not be read: " + e.getMessage(), e);
        }
    }

    /** An endpoint's address; TLS to etcd is not supported, so only {@code http://HOST:PORT} is. */
    private static SocketAddress address(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("an etcd endpoint must be http://HOST:PORT, got " + endpoint);
        }
        return SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }
}
