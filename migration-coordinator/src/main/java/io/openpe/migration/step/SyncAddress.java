package io.openpe.migration.step;

/**
 * Where the source's synchronization controller connects to the target's: {@code host:port}, from the target VMIM's
 * {@code status.synchronizationAddresses[0]} (KubeVirt copies it from {@code KubeVirt.status}; it includes the port).
 */
public record SyncAddress(String connectUrl) {
}
