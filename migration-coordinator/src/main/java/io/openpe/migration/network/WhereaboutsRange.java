package io.openpe.migration.network;

import java.util.List;

/** The {@code ipam} part of a whereabouts NetworkAttachmentDefinition: one range, minus the excluded blocks. */
public record WhereaboutsRange(Cidr range, List<Cidr> exclude) {
  public WhereaboutsRange {
    exclude = List.copyOf(exclude);
  }
}
