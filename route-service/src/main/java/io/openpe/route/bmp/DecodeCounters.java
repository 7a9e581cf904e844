package io.openpe.route.bmp;

/**
 * What one BMP session has decoded so far: messages, malformed messages, and the things kept raw or skipped instead
 * of decoded (unknown message types, path attributes, NLRI families or EVPN route types, statistics types).
 */
public record DecodeCounters(long messages, long malformed, long unknownMessageTypes, long unknownAttributes,
                             long unknownNlri, long skippedStatistics, long routesAnnounced, long routesWithdrawn) {
}
