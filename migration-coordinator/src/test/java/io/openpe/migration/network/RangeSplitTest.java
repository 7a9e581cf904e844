package io.openpe.migration.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The split for any number of clusters, checked address by address against an oracle written here (its own parse and
 * masks), over many random ranges, gateways and cluster counts, IPv4 and IPv6.
 */
class RangeSplitTest {

  @Test
  void threeClustersGetDisjointQuartersAndTheFourthIsNobodys() {
    Map<String, WhereaboutsRange> split =
        RangeSplit.forClusters(Cidr.parse("10.0.0.0/24"), "10.0.0.1/24", List.of("c", "a", "b"));

    assertEquals(List.of("a", "b", "c"), List.copyOf(split.keySet()));
    assertEquals("[10.0.0.1/32, 10.0.0.64/26, 10.0.0.128/25]", split.get("a").exclude().toString());
    assertEquals("[10.0.0.1/32, 10.0.0.0/26, 10.0.0.128/25]", split.get("b").exclude().toString());
    assertEquals("[10.0.0.1/32, 10.0.0.0/25, 10.0.0.192/26]", split.get("c").exclude().toString());
  }

  @Test
  void manyRandomRangesNeverOverlap() {
    Random random = new Random(20261202);
    int checked = 0;
    for (int round = 0; round < 300; round++) {
      boolean v6 = random.nextInt(4) == 0;
      int bits = v6 ? 128 : 32;
      int prefix = bits - 3 - random.nextInt(7);
      BigInteger network = new BigInteger(bits, random).shiftRight(bits - prefix).shiftLeft(bits - prefix);
      BigInteger gateway = network.add(BigInteger.valueOf(random.nextInt(1 << (bits - prefix))));
      int clusters = 2 + random.nextInt(8);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < clusters; i++) {
        names.add("cluster-" + Integer.toString(random.nextInt(1 << 20), 36) + "-" + i);
      }
      Cidr range = new Cidr(network, prefix, bits);
      String gatewayText = Cidr.format(gateway, bits) + "/" + prefix;
      Map<String, WhereaboutsRange> split;
      try {
        split = RangeSplit.forClusters(range, gatewayText, names);
      } catch (IllegalArgumentException tooSmall) {
        assertTrue(tooSmall.getMessage().contains(range.toString()), tooSmall.getMessage());
        continue;
      }
      checked++;
      assertDisjointAndGatewayFree(range, gateway, split, clusters);
    }
    assertTrue(checked > 200, "most random cases must be splittable, checked " + checked);
  }

  @Test
  void aRangeTooSmallIsRefusedNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        RangeSplit.forClusters(Cidr.parse("10.0.0.0/30"), "10.0.0.1/30", List.of("a", "b", "c")));
    assertTrue(e.getMessage().contains("10.0.0.0/30"), e.getMessage());
  }

  @Test
  void aGatewayOutsideTheRangeIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
        RangeSplit.forClusters(Cidr.parse("10.0.0.0/24"), "10.0.1.1/24", List.of("a", "b")));
    assertTrue(e.getMessage().contains("gateway 10.0.1.1/24"), e.getMessage());
  }

  private static void assertDisjointAndGatewayFree(Cidr range, BigInteger gateway, Map<String, WhereaboutsRange> split,
      int clusters) {
    BigInteger first = range.network();
    int size = 1 << (range.bits() - range.prefixLength());
    Map<BigInteger, String> handedOutBy = new HashMap<>();
    for (Map.Entry<String, WhereaboutsRange> entry : split.entrySet()) {
      assertEquals(range, entry.getValue().range(), "every cluster keeps the whole range (one L2 segment)");
      Set<BigInteger> mine = new HashSet<>();
      List<long[]> excluded = parsedByOracle(entry.getValue(), first, range.bits());
      for (int offset = 0; offset < size; offset++) {
        if (!excludedByOracle(offset, excluded) && !reservedByWhereabouts(range, offset, size)) {
          mine.add(first.add(BigInteger.valueOf(offset)));
        }
      }
      assertFalse(mine.isEmpty(), entry.getKey() + " must have addresses to hand out in " + range);
      assertFalse(mine.contains(gateway), entry.getKey() + " must not hand out the gateway");
      for (BigInteger address : mine) {
        String other = handedOutBy.put(address, entry.getKey());
        assertEquals(null, other, Cidr.format(address, range.bits()) + " handed out by " + other + " and "
            + entry.getKey());
      }
    }
    if (Integer.bitCount(clusters) == 1) {
      Set<BigInteger> unusable = new HashSet<>(Set.of(gateway));
      if (range.bits() == 32) {
        unusable.add(first);
        unusable.add(range.last());
      }
      assertEquals(size - unusable.size(), handedOutBy.size(), "with 2^n clusters every usable address of " + range
          + " belongs to some cluster");
    }
  }

  /**
   * Independent of {@link Cidr}: each exclude parsed by the JDK and turned into [first, last] offsets from the range's
   * first address (a block outside the range lands outside [0, size)).
   */
  private static List<long[]> parsedByOracle(WhereaboutsRange range, BigInteger first, int bits) {
    List<long[]> blocks = new ArrayList<>();
    for (Cidr block : range.exclude()) {
      String[] parts = block.toString().split("/");
      try {
        BigInteger start = new BigInteger(1, InetAddress.getByName(parts[0]).getAddress());
        int hostBits = bits - Integer.parseInt(parts[1]);
        assertEquals(start, start.shiftRight(hostBits).shiftLeft(hostBits), block + " is aligned");
        long offset = start.subtract(first).longValueExact();
        blocks.add(new long[] {offset, offset + (1L << hostBits) - 1});
      } catch (UnknownHostException e) {
        throw new AssertionError(e);
      }
    }
    return blocks;
  }

  private static boolean excludedByOracle(long offset, List<long[]> blocks) {
    for (long[] block : blocks) {
      if (offset >= block[0] && offset <= block[1]) {
        return true;
      }
    }
    return false;
  }

  /** whereabouts never hands out an IPv4 range's network or broadcast address. */
  private static boolean reservedByWhereabouts(Cidr range, int offset, int size) {
    return range.bits() == 32 && (offset == 0 || offset == size - 1);
  }
}
