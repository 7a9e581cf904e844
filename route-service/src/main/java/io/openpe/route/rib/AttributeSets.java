package io.openpe.route.rib;

import java.lang.ref.WeakReference;
import java.util.WeakHashMap;

/**
 * One router's distinct {@link SharedAttributes}, interned so that its routes hold one copy of each; identical
 * attribute sets are the common case (FRR repeats them for every MAC and prefix of a VNI). Interned weakly: a set no
 * stored route refers to any more is collected and drops out of the table.
 */
final class AttributeSets {

    /** The value refers to its key only weakly, or the key could never be collected. */
    private final WeakHashMap<SharedAttributes, WeakReference<SharedAttributes>> interned = new WeakHashMap<>();

    /** The interned instance equal to {@code candidate}: an earlier one still in use, or {@code candidate} itself. */
    SharedAttributes intern(SharedAttributes candidate) {
        WeakReference<SharedAttributes> ref = interned.get(candidate);
        SharedAttributes existing = ref == null ? null : ref.get();
        if (existing != null) {
            return existing;
        }
        interned.put(candidate, new WeakReference<>(candidate));
        return candidate;
    }

    /** How many distinct sets are still referred to (or not yet collected). */
    int size() {
        return interned.size();
    }
}
