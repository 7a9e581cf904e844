/** The FRR render model (computed and sorted) and the renderer that prints it; golden files in test resources. */
package io.openpe.node.frr;
