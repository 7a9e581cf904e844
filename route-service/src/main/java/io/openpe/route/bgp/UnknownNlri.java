package io.openpe.route.bgp;

import io.openpe.route.wire.Octets;

/** The NLRI field of a family we do not decode, kept whole and raw (counted, never mis-parsed). */
public record UnknownNlri(AfiSafi afiSafi, Octets raw) implements Nlri {

    @Override
    public long pathId() {
        return NO_PATH_ID;
    }

    @Override
    public NlriKey key() {
        return new Key(afiSafi, raw);
    }

    public record Key(AfiSafi afiSafi, Octets raw) implements NlriKey {
        @Override
        public String text() {
            return afiSafi + "/raw/" + raw.hex();
        }
    }
}
