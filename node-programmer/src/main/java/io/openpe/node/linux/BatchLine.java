package io.openpe.node.linux;

/** One {@code ip -batch} command and the process it belongs in. */
record BatchLine(Phase phase, String command) {
}
