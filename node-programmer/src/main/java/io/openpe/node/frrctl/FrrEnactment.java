package io.openpe.node.frrctl;

import java.util.Optional;

/**
 * The outcome of bringing FRR to a rendered configuration.
 *
 * @param reloaded          whether {@code frr-reload.py --reload} ran
 * @param runningConfigHash hex SHA-256 of {@code show running-config} after the apply
 * @param failure           why the configuration was not applied (invalid, reload failed); empty when it was
 */
public record FrrEnactment(boolean reloaded, String runningConfigHash, Optional<String> failure) {
}
