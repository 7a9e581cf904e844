package io.openpe.node.frrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvpnRouterMacsTest {

    /** The shape of FRR 8.4.4's {@code show bgp l2vpn evpn route json}: RD, route, paths nested in arrays. */
    private static final String TABLE = """
            {"10.0.0.1:2":{"rd":"10.0.0.1:2",
              "[5]:[0]:[24]:[192.170.1.0]":{"prefix":"[5]:[0]:[24]:[192.170.1.0]","paths":[[{"routeType":5,
                "ip":"192.170.1.0","ipLen":24,"extendedCommunity":{"string":"RT:64514:100 ET:8 Rmac:02:64:41:00:00:64"},
                "nexthops":[{"ip":"100.65.0.0","afi":"ipv4","used":true}]}]]}},
             "10.0.0.1:3":{"rd":"10.0.0.1:3",
              "[2]:[0]:[48]:[02:03:04:05:06:07]:[32]:[192.170.1.3]":{"paths":[[{"routeType":2,
                "mac":"02:03:04:05:06:07","ip":"192.170.1.3","ipLen":32,
                "extendedCommunity":{"string":"RT:64514:110 RT:64514:100 ET:8 Rmac:02:64:41:00:00:64"},
                "nexthops":[{"ip":"100.65.0.0"}]}]]},
              "[3]:[0]:[32]:[100.65.0.0]":{"paths":[[{"routeType":3,"extendedCommunity":{"string":"RT:64514:110 ET:8"},
                "nexthops":[{"ip":"100.65.0.0"}]}]]}},
             "10.0.0.2:2":{"rd":"10.0.0.2:2",
              "[5]:[0]:[24]:[192.168.20.0]":{"paths":[[{"routeType":5,"ip":"192.168.20.0","ipLen":24,
                "extendedCommunity":{"string":"RT:64514:100 ET:8 Rmac:02:64:41:00:01:64"},"nexthops":[{"ip":"100.65.0.1"}]}]]},
              "[5]:[0]:[24]:[192.168.40.0]":{"paths":[[{"routeType":5,"ip":"192.168.40.0","ipLen":24,
                "extendedCommunity":{"string":"RT:64514:200 ET:8 Rmac:02:64:41:00:01:c8"},"nexthops":[{"ip":"100.65.0.1"}]}]]}},
             "numPrefix":5,"totalPrefix":5}
            """;

    @Test
    void everyPathNamingARouterMacIsRead() {
        EvpnRouterMacs macs = EvpnRouterMacs.parse(TABLE);

        assertEquals(Set.of(
                new EvpnRouterMacs.Path("100.65.0.0", Optional.of("192.170.1.0/24"), "02:64:41:00:00:64"),
                new EvpnRouterMacs.Path("100.65.0.0", Optional.of("192.170.1.3/32"), "02:64:41:00:00:64"),
                new EvpnRouterMacs.Path("100.65.0.1", Optional.of("192.168.20.0/24"), "02:64:41:00:01:64"),
                new EvpnRouterMacs.Path("100.65.0.1", Optional.of("192.168.40.0/24"), "02:64:41:00:01:c8")), Set.copyOf(macs.paths()));
        assertEquals(4, macs.paths().size());
    }

    @Test
    void theRouterMacOfAVtepIsTheOneItsPathsName() {
        assertEquals(Optional.of("02:64:41:00:00:64"),
                EvpnRouterMacs.parse(TABLE).routerMacFor("100.65.0.0", "192.170.1.3/32"));
    }

    @Test
    void aVtepOfTwoL3vnisIsResolvedByThePrefixAndNeverGuessed() {
        EvpnRouterMacs macs = EvpnRouterMacs.parse(TABLE);

        assertEquals(Optional.of("02:64:41:00:01:c8"), macs.routerMacFor("100.65.0.1", "192.168.40.0/24"));
        assertEquals(Optional.empty(), macs.routerMacFor("100.65.0.1", "192.168.99.0/24"));
        assertEquals(Optional.empty(), macs.routerMacFor("100.65.0.9", "192.168.20.0/24"));
    }

    @Test
    void anEmptyAnswerHasNoPaths() {
        assertTrue(EvpnRouterMacs.parse("").paths().isEmpty());
        assertTrue(EvpnRouterMacs.parse("{}").paths().isEmpty());
    }
}
