package io.openpe.route.session;

import io.openpe.route.bmp.PerPeerHeader;
import java.util.List;

/** One open BMP session, as ListSessions reports it. */
public record SessionStatus(String router, String cluster, String sysName, long messages, long routes,
                            long decodeErrors, List<PerPeerHeader> peers) {
}
