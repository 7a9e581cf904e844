package io.openpe.migration.network;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How one migration subnet is shared by clusters that each run their own whereabouts (seed 003): every cluster keeps
 * the whole range, so all of them stay on one L2 segment with one gateway, and excludes the gateway plus every part
 * but its own, so two clusters can never hand out the same address.
 *
 * <p>The range is cut into 2^d aligned parts (the smallest d with 2^d at least the number of clusters); clusters take
 * parts in name order, and parts left over are excluded by everybody. A cluster's exclusions are the gateway and the
 * sibling block at each level of the path down to its part, which is the shortest exact list: for two clusters this is
 * the other half, as the seed writes it by hand.
 */
public final class RangeSplit {
  private RangeSplit() {
  }

  /**
   * @param range the migration subnet, e.g. {@code 192.170.10.0/24}
   * @param gateway the gateway's interface address, e.g. {@code 192.170.10.1/24}; it must lie in {@code range}
   * @param clusters every cluster that can take part in migrations (not only the two of one migration, so that a
   *     cluster's part does not depend on which pair moves a VM)
   * @return per cluster, in name order
   * @throws IllegalArgumentException naming the range, gateway or cluster list when they do not fit
   */
  public static Map<String, WhereaboutsRange> forClusters(Cidr range, String gateway, List<String> clusters) {
    TreeSet<String> names = new TreeSet<>(clusters);
    if (names.size() < 2 || names.size() != clusters.size()) {
      throw new IllegalArgumentException("clusters: need at least two distinct names, got " + clusters);
    }
    Cidr.Address gatewayAddress = Cidr.Address.parseWithPrefix(gateway);
    if (gatewayAddress.bits() != range.bits() || !range.contains(gatewayAddress.value())) {
      throw new IllegalArgumentException("gateway " + gateway + " is not inside the migration range " + range);
    }
    int depth = depth(names.size());
    if (range.prefixLength() + depth > range.bits()) {
      throw new IllegalArgumentException("migration range " + range + " is too small to split among "
          + names.size() + " clusters");
    }
    Cidr gatewayHost = Cidr.host(gatewayAddress.value(), range.bits());
    Map<String, WhereaboutsRange> out = new LinkedHashMap<>();
    int index = 0;
    for (String cluster : names) {
      List<Cidr> exclude = new ArrayList<>();
      exclude.add(gatewayHost);
      exclude.addAll(siblingsOnPath(range, depth, index));
      Cidr part = part(range, depth, index);
      if (!hasAllocatableAddress(range, part, gatewayAddress.value())) {
        throw new IllegalArgumentException("migration range " + range + ": the part " + part + " of cluster "
            + cluster + " has no address left once the gateway" + (range.bits() == 32
                ? ", the network and the broadcast address" : "") + " are taken out");
      }
      out.put(cluster, new WhereaboutsRange(range, exclude));
      index++;
    }
    return out;
  }

  /** The block of {@code range} that cluster number {@code index} (in name order) hands out. */
  public static Cidr part(Cidr range, int depth, int index) {
    Cidr block = range;
    for (int level = depth - 1; level >= 0; level--) {
      block = block.half((index >> level) & 1);
    }
    return block;
  }

  /** Levels of halving needed for {@code clusters} parts. */
  public static int depth(int clusters) {
    return 32 - Integer.numberOfLeadingZeros(clusters - 1);
  }

  private static List<Cidr> siblingsOnPath(Cidr range, int depth, int index) {
    List<Cidr> siblings = new ArrayList<>();
    Cidr block = range;
    for (int level = depth - 1; level >= 0; level--) {
      int bit = (index >> level) & 1;
      siblings.add(block.half(1 - bit));
      block = block.half(bit);
    }
    siblings.sort(null);
    return siblings;
  }

  private static boolean hasAllocatableAddress(Cidr range, Cidr part, BigInteger gateway) {
    BigInteger taken = BigInteger.ZERO;
    if (part.contains(gateway)) {
      taken = taken.add(BigInteger.ONE);
    }
    if (range.bits() == 32) {
      if (part.contains(range.network()) && !range.network().equals(gateway)) {
        taken = taken.add(BigInteger.ONE);
      }
      if (part.contains(range.last()) && !range.last().equals(gateway) && !range.last().equals(range.network())) {
        taken = taken.add(BigInteger.ONE);
      }
    }
    return part.size().compareTo(taken) > 0;
  }
}
