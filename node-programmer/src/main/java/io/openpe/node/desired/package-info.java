/**
 * The domain plan of one node and the pure conversion to desired kernel objects and the FRR model
 * ({@link io.openpe.node.desired.DesiredState#from}), plus the result values of an apply.
 */
package io.openpe.node.desired;
