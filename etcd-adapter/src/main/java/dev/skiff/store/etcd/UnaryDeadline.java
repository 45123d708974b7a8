package dev.skiff.store.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary gRPC call to etcd a deadline, so a call the store stopped waiting for does not
 * linger while etcd is unreachable. Streams (watches, lease keep-alives) live on and get none.
 */
final class UnaryDeadline implements ClientInterceptor {

    private final Duration timeout;

    UnaryDeadline(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
            return next.newCall(method, options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        return next.newCall(method, options);
    }
}
