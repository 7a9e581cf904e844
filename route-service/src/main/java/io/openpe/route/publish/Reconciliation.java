package io.openpe.route.publish;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the route topic held when this instance started, by router, and which of it is gone: once a router's session
 * has re-sent its tables, every key of it the topic holds and its RIB does not is stale and gets a tombstone; a router
 * that never came back has only stale keys. Each router is reconciled once per process. Thread-safe.
 */
public final class Reconciliation {

    private final Map<String, Set<String>> liveKeysByRouter;

    /** {@code liveKeys}: every key whose latest record on the topic is not a tombstone. */
    public Reconciliation(Collection<String> liveKeys) {
        Map<String, Set<String>> byRouter = new HashMap<>();
        for (String key : liveKeys) {
            String router = routerOf(key);
            if (router != null) {
                byRouter.computeIfAbsent(router, r -> new HashSet<>()).add(key);
            }
        }
        this.liveKeysByRouter = byRouter;
    }

    /** The router address of a route key ({@code <cluster>/<router>/...}), or null for a key of another form. */
    public static String routerOf(String key) {
        int first = key.indexOf('/');
        int second = first < 0 ? -1 : key.indexOf('/', first + 1);
        return second < 0 ? null : key.substring(first + 1, second);
    }

    /**
     * The keys of {@code router} on the topic that are not in {@code current} (the keys its RIB holds now); the router
     * is reconciled after this and later calls return nothing for it.
     */
    public synchronized List<String> staleKeys(String router, Set<String> current) {
        Set<String> published = liveKeysByRouter.remove(router);
        if (published == null) {
            return List.of();
        }
        List<String> stale = new ArrayList<>();
        for (String key : published) {
            if (!current.contains(key)) {
                stale.add(key);
            }
        }
        stale.sort(null);
        return stale;
    }

    /** Whether {@code router} has keys on the topic and has not been reconciled yet. */
    public synchronized boolean pending(String router) {
        return liveKeysByRouter.containsKey(router);
    }

    /** The routers not reconciled yet. */
    public synchronized List<String> pendingRouters() {
        return liveKeysByRouter.keySet().stream().sorted().toList();
    }
}
