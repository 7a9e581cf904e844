package io.openpe.intent.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.intent.model.Vni;
import io.openpe.rules.Cidr;
import io.openpe.rules.IpAddress;
import org.junit.jupiter.api.Test;

/** DESIGN §4 table, values worked out by hand. */
class IpamTest {
  @Test
  void vtepIsHostNumberIndexNode0GetsTheNetworkAddress() {
    assertEquals("100.65.0.0", Ipam.vtepIp(Cidr.parse("100.65.0.0/24"), 0).toString());
    assertEquals("100.65.0.1", Ipam.vtepIp(Cidr.parse("100.65.0.0/24"), 1).toString());
    assertEquals("100.65.0.255", Ipam.vtepIp(Cidr.parse("100.65.0.0/24"), 255).toString());
    assertEquals("100.65.1.4", Ipam.vtepIp(Cidr.parse("100.65.0.0/16"), 260).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ipam.vtepIp(Cidr.parse("100.65.0.0/24"), 256));
    assertEquals("node index 256 does not fit 100.65.0.0/24: it needs host number 256, the last usable is 255",
        e.getMessage());
  }

  @Test
  void routerIdIsHostNumberIndexPlusOne() {
    assertEquals("10.0.0.1", Ipam.routerId(Cidr.parse("10.0.0.0/24"), 0).toString());
    assertEquals("10.0.0.255", Ipam.routerId(Cidr.parse("10.0.0.0/24"), 254).toString());
    assertThrows(IllegalArgumentException.class, () -> Ipam.routerId(Cidr.parse("10.0.0.0/24"), 255));
  }

  @Test
  void hostSessionRouterSideIsFirstUsableHostSideIsIndexPlusTwo() {
    HostSessionIps node0 = Ipam.hostSessionIps(Cidr.parse("192.169.10.0/24"), 0);
    assertEquals("192.169.10.1/24", node0.routerSide().toString());
    assertEquals("192.169.10.2/24", node0.hostSide().toString());
    HostSessionIps node252 = Ipam.hostSessionIps(Cidr.parse("192.169.10.0/24"), 252);
    assertEquals("192.169.10.1/24", node252.routerSide().toString());
    assertEquals("192.169.10.254/24", node252.hostSide().toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Ipam.hostSessionIps(Cidr.parse("192.169.10.0/24"), 253));
    assertEquals("node index 253 does not fit 192.169.10.0/24: it needs host number 255, the last usable is 254",
        e.getMessage());
    HostSessionIps v6 = Ipam.hostSessionIps(Cidr.parse("fd00:10::/64"), 1);
    assertEquals("fd00:10::1/64", v6.routerSide().toString());
    assertEquals("fd00:10::3/64", v6.hostSide().toString());
  }

  @Test
  void anycastMacIs00f3AndVniPlusOneBigEndian() {
    assertEquals("00:f3:00:00:00:6f", Ipam.anycastGatewayMac(new Vni(110)));
    assertEquals("00:f3:00:00:02:9b", Ipam.anycastGatewayMac(new Vni(666)));
    assertEquals("00:f3:01:00:00:00", Ipam.anycastGatewayMac(new Vni(16777215)));
  }

  /** Hand-computed: 100.65.0.1 is 0x64.0x41.0x00.0x01, VNI 100 is 0x64, VNI 16777215 ends in 0xff. */
  @Test
  void routerMacIsLocallyAdministeredAndNamesTheVtep() {
    assertEquals("02:64:41:00:01:64", Ipam.routerMac(IpAddress.parse("100.65.0.1"), new Vni(100)));
    assertEquals("02:ff:ff:ff:fe:ff", Ipam.routerMac(IpAddress.parse("255.255.255.254"), new Vni(16777215)));
  }

  /** A1 and B1 of the fabric share node index 1; their VTEPs differ, so must their router MACs (FRR drops the other's). */
  @Test
  void routerMacsOfTheSameNodeIndexInTwoClustersDiffer() {
    assertEquals("02:64:41:00:01:64", Ipam.routerMac(Ipam.vtepIp(Cidr.parse("100.65.0.0/24"), 1), new Vni(100)));
    assertEquals("02:64:41:01:01:64", Ipam.routerMac(Ipam.vtepIp(Cidr.parse("100.65.1.0/24"), 1), new Vni(100)));
  }

  @Test
  void routerMacRefusesAnIpv6Vtep() {
    assertThrows(IllegalArgumentException.class, () -> Ipam.routerMac(IpAddress.parse("fd00::1"), new Vni(100)));
  }

  @Test
  void vethMtuIsUnderlayMinus50NotBelow1280() {
    assertEquals(1450, Ipam.vethMtu(1500));
    assertEquals(8950, Ipam.vethMtu(9000));
    assertEquals(1280, Ipam.vethMtu(1300));
  }
}
