package io.openpe.node.kernel;

/** Which of the node's two namespaces an object lives in; the adapter maps it to a real namespace. */
public enum Side {
    ROUTER,
    HOST
}
