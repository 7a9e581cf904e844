package io.openpe.migration.store;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Instants on the wire; an unset timestamp is a null instant. */
final class Timestamps {
  private Timestamps() {
  }

  static Timestamp of(Instant instant) {
    return instant == null ? Timestamp.getDefaultInstance()
        : Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  static Instant instant(boolean present, Timestamp timestamp) {
    return present ? Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()) : null;
  }
}
