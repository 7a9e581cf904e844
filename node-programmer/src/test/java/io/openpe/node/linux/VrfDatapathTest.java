package io.openpe.node.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class VrfDatapathTest {

    @Test
    void configuredChoicesAreTakenAsTheyAre() {
        assertEquals(VrfDatapath.KERNEL, VrfDatapath.choose("kernel").datapath());
        assertEquals(VrfDatapath.NETNS, VrfDatapath.choose(" NetNS ").datapath());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> VrfDatapath.choose("vrf"));
        assertTrue(wrong.getMessage().contains("kernel, netns or auto"), wrong.getMessage());
    }

    /**
     * auto asks the kernel itself, in a throwaway namespace: the answer must agree with what {@code ip link add type
     * vrf} says here (this kernel has no CONFIG_NET_VRF: "Unknown device type", so netns).
     */
    @Test
    @Tag("root")
    void autoFollowsWhetherThisKernelCreatesAVrfDevice() {
        boolean vrfDevices = VrfDatapath.probeVrfDevice().ok();
        VrfDatapath.Choice choice = VrfDatapath.choose("auto");
        assertEquals(vrfDevices ? VrfDatapath.KERNEL : VrfDatapath.NETNS, choice.datapath(), choice.reason());
        assertTrue(choice.reason().startsWith("auto: "), choice.reason());
    }
}
