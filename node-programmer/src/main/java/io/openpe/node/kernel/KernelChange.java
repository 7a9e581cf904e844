package io.openpe.node.kernel;

/** One step that brings an object from its actual to its desired state. A replacement is a delete then a create. */
public sealed interface KernelChange {

    /** The object as it will be (create, modify) or as it was (delete). */
    KernelObject object();

    default String id() {
        return object().id();
    }

    record Create(KernelObject desired) implements KernelChange {
        @Override
        public KernelObject object() {
            return desired;
        }

        @Override
        public String toString() {
            return "create " + desired;
        }
    }

    record Modify(KernelObject actual, KernelObject desired) implements KernelChange {
        public Modify {
            if (!actual.id().equals(desired.id())) {
                throw new IllegalArgumentException("modify across identities: " + actual.id() + " -> " + desired.id());
            }
        }

        @Override
        public KernelObject object() {
            return desired;
        }

        @Override
        public String toString() {
            return "modify " + actual + " -> " + desired;
        }
    }

    record Delete(KernelObject actual) implements KernelChange {
        @Override
        public KernelObject object() {
            return actual;
        }

        @Override
        public String toString() {
            return "delete " + actual;
        }
    }
}
