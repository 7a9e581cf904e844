package io.openpe.migration.step;

import io.openpe.migration.kube.ObjectRef;
import java.util.List;

/**
 * The receiver VM on the target cluster ({@code runStrategy: WaitAsReceiver}), the run strategy KubeVirt restores
 * after the move (annotation {@code kubevirt.io/restore-run-strategy}, the source VM's) and its interfaces' MACs.
 */
public record ReceiverVm(ObjectRef vm, String restoreRunStrategy, List<String> macAddresses) {
  public ReceiverVm {
    macAddresses = List.copyOf(macAddresses);
  }
}
