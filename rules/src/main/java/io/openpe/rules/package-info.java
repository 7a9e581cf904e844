/**
 * The value rules both intent-service (validating intents) and node-programmer (refusing hostile plans) apply: device
 * names, host and object names, number ranges, IP addresses, CIDRs, MAC addresses, route targets. Every rule throws
 * {@link java.lang.IllegalArgumentException} whose message is the reason shown to the user, so the rule and its wording
 * live in one place. Pure: the JDK only (docs/decisions.md).
 */
package io.openpe.rules;
