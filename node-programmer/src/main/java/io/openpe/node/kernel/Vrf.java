package io.openpe.node.kernel;

import java.util.OptionalLong;

/**
 * A VRF device in the router namespace. Its routing table id is derived from a VNI ({@link #tableFor}) and parses
 * back ({@link #vniOf}): that range is how a VRF is recognised as ours, since VRF names are chosen by users.
 */
public record Vrf(String name, long table, boolean up) implements KernelObject {

    /** Table ids from 2^24 upwards: above every table a distribution configures, one per possible VNI. */
    static final long TABLE_BASE = 1L << 24;
    static final long MAX_VNI = (1L << 24) - 1;

    public static Vrf desired(String name, long vni) {
        return new Vrf(name, tableFor(vni), true);
    }

    public static long tableFor(long vni) {
        if (vni < 1 || vni > MAX_VNI) {
            throw new IllegalArgumentException("VNI out of range: " + vni);
        }
        return TABLE_BASE + vni;
    }

    public static OptionalLong vniOf(long table) {
        long vni = table - TABLE_BASE;
        return vni >= 1 && vni <= MAX_VNI ? OptionalLong.of(vni) : OptionalLong.empty();
    }

    @Override
    public Side side() {
        return Side.ROUTER;
    }

    @Override
    public String id() {
        return "vrf " + name;
    }

    @Override
    public int rank() {
        return 3;
    }

    @Override
    public boolean modifiableTo(KernelObject desired) {
        return desired instanceof Vrf other && other.table == table;
    }
}
