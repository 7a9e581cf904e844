package io.openpe.intent.api;

/**
 * The shapes the generated CRD schema checks before an object is stored, as compile-time constants because
 * annotations accept nothing else. The rules themselves live in {@code io.openpe.rules} (and the Java validator applies
 * them after the API server): {@code CrdSchemaRulesTest} holds these constants equal to them. Patterns stay within
 * RE2, the regex dialect of the API server: no look-around, no back-references.
 */
final class SchemaRules {
  static final long VNI_MIN = 1;
  static final long VNI_MAX = 16_777_215;
  static final long ASN_MIN = 1;
  static final long ASN_MAX = 4_294_967_295L;
  static final long PORT_MIN = 1;
  static final long PORT_MAX = 65_535;

  /** {@code io.openpe.rules.InterfaceName}: VRF, bridge and NIC names. */
  static final String INTERFACE_NAME = "^[a-zA-Z][a-zA-Z0-9_-]*$";
  static final long INTERFACE_NAME_MAX = 15;

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final String IPV4_BODY = OCTET + "(\\." + OCTET + "){3}";
  /** The shape of an IPv6 text; the Java validator parses it fully. */
  private static final String IPV6_BODY = "[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}";
  private static final String IPV4_PREFIX = "/(3[0-2]|[12]?[0-9])";
  private static final String IPV6_PREFIX = "/(12[0-8]|1[01][0-9]|[1-9]?[0-9])";

  static final String IPV4_CIDR = "^" + IPV4_BODY + IPV4_PREFIX + "$";
  static final String IPV6_CIDR = "^" + IPV6_BODY + IPV6_PREFIX + "$";
  static final String IP_CIDR = "^(" + IPV4_BODY + IPV4_PREFIX + "|" + IPV6_BODY + IPV6_PREFIX + ")$";
  static final String IP = "^(" + IPV4_BODY + "|" + IPV6_BODY + ")$";
  /** {@code io.openpe.rules.RouteTarget}'s two forms, {@code ASN:NN} and {@code IPv4:NN}; ranges are the validator's. */
  static final String ROUTE_TARGET = "^([0-9]{1,10}|" + IPV4_BODY + "):[0-9]{1,10}$";

  /** Longest texts of the shapes above ("255.255.255.255/32", a full IPv6 address with "/128"), which also bound the
   * API server's cost estimate of the CEL rules that compare them. */
  static final long IPV4_CIDR_MAX = 18;
  static final long IP_CIDR_MAX = 43;
  static final long IP_MAX = 39;

  static final String IMMUTABLE = "self == oldSelf";

  private SchemaRules() {
  }
}
