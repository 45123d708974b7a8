package dev.skiff.controllers.testing;

import dev.skiff.controllers.ControllerManager;
import dev.skiff.informer.LeaderElectedRun;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** Waits for the test's controller manager to take the Lease: its controllers run only while it leads. */
public final class ManagerRole {

    private static final Duration LEADING_WITHIN = Duration.ofSeconds(30);

    private ManagerRole() {
    }

    public static void awaitLeading(ControllerManager manager) {
        await("the controller manager leads").atMost(LEADING_WITHIN).until(() -> manager.role() == LeaderElectedRun.Role.LEADER);
    }
}
