/**
 * The validated intent: immutable values ({@link io.openpe.intent.model.Vni}, {@link io.openpe.intent.model.Asn},
 * {@link io.openpe.intent.model.VrfName}, ...; addresses, CIDRs and route targets are
 * {@code io.openpe.rules} values shared with node-programmer) and the three intent records. Constructors reject invalid values with an
 * {@link java.lang.IllegalArgumentException} whose message is the reason shown to the user ("must be between 1 and
 * 16777215, got 0"), so that the rule and its wording live in one place. Pure: JDK only, and no {@code api} import.
 */
package io.openpe.intent.model;
